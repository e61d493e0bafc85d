import { duplicateSelection } from '../commands/canvas-commands.ts'
import { useLocaleStore, useT } from '../i18n.ts'
import { removeNodes, updateNode } from '../model/draft-edits.ts'
import { nodePorts } from '../model/node-ports.ts'
import { titleOf } from '../model/node-type-info.ts'
import { problemText } from '../model/problem-text.ts'
import { asSchema } from '../model/schema-fields.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { useNodeTypesStore } from '../stores/node-types-store.ts'
import { useProblemsStore } from '../stores/problems-store.ts'
import { useSelectionStore } from '../stores/selection-store.ts'
import { PortLinks } from './port-links.tsx'
import { SchemaForm } from './schema-form.tsx'

/** The selected node's label, problems, ports and config form. */
export function NodePanel(props: { nodeId: string }) {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const node = useFlowDraftStore((s) => s.flow?.nodes.find((n) => n.id === props.nodeId))
  const edges = useFlowDraftStore((s) => s.flow?.edges)
  const info = useNodeTypesStore((s) => (node ? s.infos.get(node.type) : undefined))
  const registry = useNodeTypesStore((s) => s.registry)
  const problems = useProblemsStore((s) => s.byNode.get(props.nodeId))
  if (!node || !edges) return null

  const edit = useFlowDraftStore.getState().edit
  const ports = nodePorts(node, registry, edges)
  const title = info ? titleOf(info, locale) : node.type
  const description = info?.descriptions?.[locale] ?? info?.descriptions?.['zh-CN']

  return (
    <section className="side-panel node-panel" aria-labelledby="node-panel-heading">
      <h2 id="node-panel-heading">{t('panel.nodeHeading', { title })}</h2>
      {description && <p className="hint">{description}</p>}
      {!info && <p className="notice error">{t('canvas.unknownType', { type: node.type })}</p>}
      <div className="field">
        <label htmlFor="node-label">{t('panel.label')}</label>
        <input
          id="node-label"
          value={node.data.label ?? ''}
          maxLength={200}
          placeholder={node.id}
          onChange={(e) =>
            edit((f) => updateNode(f, node.id, { label: e.target.value }), `label:${node.id}`)
          }
        />
        <small className="hint">
          {t('panel.nodeId')}: <code>{node.id}</code> · {t('panel.ports')}:{' '}
          {ports.join(', ') || '—'}
        </small>
      </div>
      <PortLinks nodeId={node.id} portList={ports.join('\n')} />
      {problems && problems.length > 0 && (
        <ul className="node-problems" aria-label={t('canvas.problems', { count: problems.length })}>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
            <li key={i} className={`problem ${p.severity}`}>
              {problemText(p, locale)}
            </li>
          ))}
        </ul>
      )}
      <SchemaForm
        key={node.id}
        idPrefix={`config-${node.id}`}
        schema={asSchema(info?.configSchema)}
        value={node.data.config}
        onChange={(config) => edit((f) => updateNode(f, node.id, { config }), `config:${node.id}`)}
      />
      <div className="dialog-actions">
        {node.type !== 'start' && (
          <button
            type="button"
            onClick={() => {
              useSelectionStore.getState().select([node.id])
              duplicateSelection()
            }}
          >
            {t('panel.duplicateNode')}
          </button>
        )}
        <button
          type="button"
          className="danger-text"
          onClick={() => {
            edit((f) => removeNodes(f, new Set([node.id])))
            useSelectionStore.getState().clear()
            // This button goes with the node: keep the keyboard in the panel that replaces it.
            requestAnimationFrame(() => document.getElementById('flow-panel-heading')?.focus())
          }}
        >
          {t('panel.deleteNode')}
        </button>
      </div>
    </section>
  )
}
