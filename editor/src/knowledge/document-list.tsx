import { useT } from '../i18n.ts'
import { formatBytes, type KnowledgeDocumentView, progressPercent } from './knowledge-model.ts'

/** A knowledge base's documents: status, a progress bar while indexing, the failure reason. */
export function DocumentList(props: {
  documents: KnowledgeDocumentView[]
  /** Absent for a reader (analyst): no delete button. */
  onDelete?(document: KnowledgeDocumentView): void
  onShowChunks(document: KnowledgeDocumentView): void
}) {
  const t = useT()
  if (props.documents.length === 0) return <p>{t('knowledge.noDocuments')}</p>
  return (
    <ul className="flow-list" aria-label={t('knowledge.documents')}>
      {props.documents.map((doc) => {
        const nameId = `doc-name-${doc.id}`
        const percent = progressPercent(doc)
        return (
          <li key={doc.id} className="flow-row document-row">
            <div className="flow-row-main">
              <strong id={nameId}>{doc.name}</strong>
              <span className={`badge status-${doc.status}`}>
                {t(`knowledge.status.${doc.status}`)}
              </span>
              <small>
                {formatBytes(doc.byteSize)} · {t('knowledge.chunks', { count: doc.chunkCount })}
              </small>
              {(doc.status === 'queued' || doc.status === 'processing') && (
                <progress
                  max={100}
                  value={percent}
                  aria-label={t('knowledge.progress', { name: doc.name })}
                >
                  {percent}%
                </progress>
              )}
              {doc.status === 'failed' && doc.error && (
                <p role="alert" className="notice error">
                  {doc.error}
                </p>
              )}
            </div>
            <div className="flow-row-actions">
              {doc.status === 'ready' && doc.chunkCount > 0 && (
                <button
                  type="button"
                  aria-describedby={nameId}
                  onClick={() => props.onShowChunks(doc)}
                >
                  {t('knowledge.showChunks')}
                </button>
              )}
              {props.onDelete && (
                <button
                  type="button"
                  className="danger-text"
                  aria-describedby={nameId}
                  onClick={() => props.onDelete?.(doc)}
                >
                  {t('common.delete')}
                </button>
              )}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
