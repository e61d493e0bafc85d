import { useCan } from '../app/session-store.ts'
import { type Locale, useT } from '../i18n.ts'
import type { FlowSummary } from './flow-list-store.ts'

export function FlowRow(props: {
  flow: FlowSummary
  locale: Locale
  onExport(): void
  onDuplicate(): void
  onDelete(): void
}) {
  const t = useT()
  const canEdit = useCan('flows.edit')
  const { flow } = props
  return (
    <li className="flow-row">
      <div className="flow-row-main">
        <a
          id={`flow-name-${flow.id}`}
          href={`#/flows/${encodeURIComponent(flow.id)}`}
          className="flow-name"
        >
          {flow.name}
        </a>
        <code>{flow.id}</code>
        <span className={flow.latestVersion === null ? 'badge draft' : 'badge published'}>
          {flow.latestVersion === null
            ? t('flows.draft')
            : t('flows.published', { version: flow.latestVersion })}
        </span>
        {flow.description && <p>{flow.description}</p>}
        <small>
          {t('flows.updated', { time: new Date(flow.updatedAt).toLocaleString(props.locale) })}
        </small>
      </div>
      <div className="flow-row-actions">
        <button type="button" aria-describedby={`flow-name-${flow.id}`} onClick={props.onExport}>
          {t('flows.export')}
        </button>
        {canEdit && (
          <>
            <button
              type="button"
              aria-describedby={`flow-name-${flow.id}`}
              onClick={props.onDuplicate}
            >
              {t('flows.duplicate')}
            </button>
            <button
              type="button"
              className="danger-text"
              aria-describedby={`flow-name-${flow.id}`}
              onClick={props.onDelete}
            >
              {t('flows.delete')}
            </button>
          </>
        )}
      </div>
    </li>
  )
}
