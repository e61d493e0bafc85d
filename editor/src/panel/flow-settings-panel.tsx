import { variableTypeSchema } from '../../../shared/index.ts'
import { useT } from '../i18n.ts'
import type { JsonSchema } from '../model/schema-fields.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { InterruptsField } from './interrupts-field.tsx'
import { SchemaField } from './schema-form.tsx'

// The variables table reuses the generated form: name and type per row; other keys of a
// variable (default, description) are kept as they are.
const variablesSchema: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: { type: 'string', ui: 'variable' },
      type: { type: 'string', enum: [...variableTypeSchema.options] },
    },
    required: ['name', 'type'],
  },
}

/** Shown when no node is selected: the flow's description and variables. */
export function FlowSettingsPanel() {
  const t = useT()
  const description = useFlowDraftStore((s) => s.flow?.description ?? '')
  const variables = useFlowDraftStore((s) => s.flow?.variables)
  const edit = useFlowDraftStore.getState().edit
  return (
    <section className="side-panel" aria-labelledby="flow-panel-heading">
      <h2 id="flow-panel-heading" tabIndex={-1}>
        {t('panel.flowHeading')}
      </h2>
      <p className="hint">{t('panel.flowHint')}</p>
      <div className="field">
        <label htmlFor="flow-description">{t('panel.description')}</label>
        <textarea
          id="flow-description"
          rows={3}
          maxLength={2000}
          value={description}
          onChange={(e) => edit((f) => ({ ...f, description: e.target.value }), 'flow-description')}
        />
      </div>
      <SchemaField
        spec={{ name: 'variables', kind: 'table', schema: variablesSchema, isRequired: true }}
        id="flow-variables"
        value={variables ?? []}
        onChange={(rows) =>
          edit(
            (f) => ({ ...f, variables: Array.isArray(rows) ? (rows as typeof f.variables) : [] }),
            'flow-variables',
          )
        }
      />
      <InterruptsField />
    </section>
  )
}
