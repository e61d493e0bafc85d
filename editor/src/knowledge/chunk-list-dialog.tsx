import { useEffect, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import { listChunks } from './knowledge-api.ts'
import type { ChunkView, KnowledgeDocumentView } from './knowledge-model.ts'

const pageSize = 50

/** A document's chunks as search sees them, a page at a time: to check how a file was split. */
export function ChunkListDialog(props: {
  knowledgeBaseId: string
  document: KnowledgeDocumentView
  onClose(): void
}) {
  const t = useT()
  const { knowledgeBaseId, document } = props
  const [chunks, setChunks] = useState<ChunkView[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [error, setError] = useState('')
  const [offset, setOffset] = useState(0)

  useEffect(() => {
    let isCurrent = true
    listChunks(knowledgeBaseId, document.id, { offset, limit: pageSize }).then(
      (page) => {
        if (!isCurrent) return
        setChunks((shown) => [...shown.slice(0, offset), ...page.chunks])
        setTotal(page.total)
      },
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    )
    return () => {
      isCurrent = false
    }
  }, [knowledgeBaseId, document.id, offset])

  return (
    <Modal
      title={t('knowledge.chunksTitle', { name: document.name })}
      onClose={props.onClose}
      className="modal-wide"
    >
      {error && (
        <p role="alert" className="notice error">
          {t('common.error', { message: error })}
        </p>
      )}
      {total === null && !error && <p>{t('common.loading')}</p>}
      {total !== null && (
        <p className="hint">{t('knowledge.chunksShown', { shown: chunks.length, total })}</p>
      )}
      <ol className="chunk-list" aria-label={t('knowledge.chunksTitle', { name: document.name })}>
        {chunks.map((chunk) => (
          <li key={chunk.id} className="chunk">
            <div className="chunk-head">
              <span className="badge">#{chunk.seq + 1}</span>
              {chunk.title && <strong>{chunk.title}</strong>}
            </div>
            <p>{chunk.text}</p>
          </li>
        ))}
      </ol>
      <div className="dialog-actions">
        {total !== null && chunks.length < total && (
          <button type="button" onClick={() => setOffset(chunks.length)}>
            {t('knowledge.moreChunks')}
          </button>
        )}
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}
