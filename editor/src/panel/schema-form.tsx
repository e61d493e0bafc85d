import { findMessageKey, type Translate, useT } from '../i18n.ts'
import {
  type FieldSpec,
  type JsonSchema,
  objectFields,
  setField,
  shownValue,
} from '../model/schema-fields.ts'
import { JsonField } from './json-field.tsx'
import { TableField } from './table-field.tsx'
import { codeLanguageOf, ValueField } from './value-field.tsx'
import { VariantsField } from './variants-field.tsx'

/** A field's label: the catalog's `field.<name>`, else the schema's title, else the name. */
export function fieldLabel(t: Translate, spec: Pick<FieldSpec, 'name' | 'schema'>): string {
  const key = findMessageKey(`field.${spec.name}`)
  return key ? t(key) : (spec.schema.title ?? spec.name)
}

/**
 * A form for a config object, generated from its JSON Schema (z.toJSONSchema of the node
 * type's zod schema). Unknown shapes fall back to a JSON field, so every type is editable.
 */
export function SchemaForm(props: {
  schema: JsonSchema
  value: Record<string, unknown>
  onChange(value: Record<string, unknown>): void
  idPrefix: string
}) {
  const t = useT()
  const fields = objectFields(props.schema)
  if (!props.schema.properties) {
    return (
      <div className="field">
        <p className="hint">{t('panel.noSchema')}</p>
        <JsonField
          id={`${props.idPrefix}-json`}
          label="config"
          value={props.value}
          onChange={(value) => {
            if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
              props.onChange(value as Record<string, unknown>)
            }
          }}
        />
      </div>
    )
  }
  return (
    <div className="schema-form">
      {fields.map((spec) => (
        <SchemaField
          key={spec.name}
          spec={spec}
          id={`${props.idPrefix}-${spec.name}`}
          value={shownValue(spec, props.value)}
          onChange={(value) => props.onChange(setField(props.value, spec, value))}
        />
      ))}
    </div>
  )
}

/** One labelled field of any kind. */
export function SchemaField(props: {
  spec: FieldSpec
  id: string
  value: unknown
  onChange(value: unknown): void
}) {
  const t = useT()
  const { spec } = props
  const label = fieldLabel(t, spec)
  if (spec.kind === 'table') {
    return (
      <fieldset className="field">
        <legend>{label}</legend>
        <TableField
          id={props.id}
          label={label}
          items={spec.schema.items ?? {}}
          rows={Array.isArray(props.value) ? props.value : []}
          onChange={props.onChange}
        />
      </fieldset>
    )
  }
  if (spec.kind === 'variants') {
    return (
      <fieldset className="field">
        <legend>{label}</legend>
        <VariantsField id={props.id} value={props.value} onChange={props.onChange} />
      </fieldset>
    )
  }
  if (spec.kind === 'boolean') {
    return (
      <div className="field checkbox">
        <input
          id={props.id}
          type="checkbox"
          checked={props.value === true}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <label htmlFor={props.id}>{label}</label>
      </div>
    )
  }
  return (
    <div className="field">
      <label htmlFor={props.id}>{label}</label>
      {spec.kind === 'json' ? (
        <JsonField id={props.id} label={label} value={props.value} onChange={props.onChange} />
      ) : (
        <ValueField
          spec={spec}
          id={props.id}
          label={label}
          value={props.value}
          onChange={props.onChange}
        />
      )}
      {spec.kind === 'code' && (
        <small className="hint">
          {t(codeLanguageOf(spec) === 'template' ? 'form.promptNote' : 'form.codeNote')}
        </small>
      )}
    </div>
  )
}
