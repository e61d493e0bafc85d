import { type ChangeEvent, useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { ConfirmDeleteDialog } from '../app/confirm-delete-dialog.tsx'
import { useRouteStore } from '../app/route-store.ts'
import { useCan } from '../app/session-store.ts'
import { useT } from '../i18n.ts'
import { ChunkListDialog } from './chunk-list-dialog.tsx'
import { DocumentList } from './document-list.tsx'
import {
  deleteDocument,
  deleteKnowledgeBase,
  getKnowledgeBase,
  listDocuments,
  uploadDocument,
} from './knowledge-api.ts'
import { KnowledgeBaseDialog } from './knowledge-base-dialog.tsx'
import {
  acceptedExtensions,
  isIngesting,
  type KnowledgeBaseSummary,
  type KnowledgeDocumentView,
  uploadProblem,
} from './knowledge-model.ts'
import { KnowledgeSearch } from './knowledge-search.tsx'

const pollMs = 700
const accepted = acceptedExtensions.join(',')

/** One knowledge base: upload, documents (polled while indexing), delete, and search. */
export function KnowledgeBasePage(props: { knowledgeBaseId: string }) {
  const t = useT()
  const canEdit = useCan('knowledge.edit')
  const { knowledgeBaseId } = props
  const [base, setBase] = useState<KnowledgeBaseSummary | null>(null)
  const [documents, setDocuments] = useState<KnowledgeDocumentView[] | null>(null)
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null)
  const [deleting, setDeleting] = useState<KnowledgeDocumentView | null>(null)
  const [dialog, setDialog] = useState<
    | { kind: 'rename' }
    | { kind: 'delete-base' }
    | { kind: 'chunks'; document: KnowledgeDocumentView }
    | null
  >(null)
  const [refresh, setRefresh] = useState(0)
  const navigate = useRouteStore((s) => s.navigate)
  const closeDialog = useCallback(() => setDialog(null), [])
  const fileInput = useRef<HTMLInputElement>(null)
  // Stable, so the dialog keeps its focus while the list polls.
  const closeDelete = useCallback(() => setDeleting(null), [])

  const fail = (e: unknown) =>
    setNotice({ kind: 'error', text: t('common.error', { message: errorMessage(e) }) })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on `refresh`; `t` changes per render
  useEffect(() => {
    let isCurrent = true
    Promise.all([getKnowledgeBase(knowledgeBaseId), listDocuments(knowledgeBaseId)]).then(
      ([kb, docs]) => {
        if (!isCurrent) return
        setBase(kb)
        setDocuments(docs)
      },
      (e: unknown) => isCurrent && fail(e),
    )
    return () => {
      isCurrent = false
    }
  }, [knowledgeBaseId, refresh])

  // Poll while a document is queued or processing; stop once all are ready or failed.
  useEffect(() => {
    if (!documents || !isIngesting(documents)) return
    const timer = setTimeout(() => setRefresh((n) => n + 1), pollMs)
    return () => clearTimeout(timer)
  }, [documents])

  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    const problem = uploadProblem(file)
    if (problem) {
      const text =
        problem.kind === 'type'
          ? t('knowledge.unsupportedType', { name: file.name, extension: problem.extension })
          : t('knowledge.tooLarge', { name: file.name })
      setNotice({ kind: 'error', text })
      return
    }
    setNotice({ kind: 'info', text: t('knowledge.uploading', { name: file.name }) })
    uploadDocument(knowledgeBaseId, file).then(() => {
      setNotice({ kind: 'info', text: t('knowledge.uploaded', { name: file.name }) })
      setRefresh((n) => n + 1)
    }, fail)
  }

  const confirmDelete = () => {
    const target = deleting
    setDeleting(null)
    if (!target) return
    deleteDocument(knowledgeBaseId, target.id).then(() => {
      setNotice({ kind: 'info', text: t('knowledge.deleted', { name: target.name }) })
      setRefresh((n) => n + 1)
    }, fail)
  }

  const confirmDeleteBase = () => {
    setDialog(null)
    deleteKnowledgeBase(knowledgeBaseId).then(() => navigate({ page: 'knowledge' }), fail)
  }

  return (
    <main className="page">
      <div className="list-header">
        <a href="#/knowledge" className="back-link">
          {t('knowledge.back')}
        </a>
        <h2>
          {base?.name ?? (notice?.kind === 'error' ? t('knowledge.heading') : t('common.loading'))}
        </h2>
        {base && canEdit && (
          <>
            <button type="button" onClick={() => setDialog({ kind: 'rename' })}>
              {t('knowledge.rename')}
            </button>
            <button
              type="button"
              className="danger-text"
              onClick={() => setDialog({ kind: 'delete-base' })}
            >
              {t('knowledge.deleteBase')}
            </button>
          </>
        )}
        {canEdit && (
          <>
            <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
              {t('knowledge.upload')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept={accepted}
              aria-label={t('knowledge.uploadFile')}
              className="visually-hidden"
              onChange={upload}
            />
          </>
        )}
      </div>
      {base?.description && <p className="hint">{base.description}</p>}
      {canEdit && <p className="hint">{t('knowledge.formats')}</p>}
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice ${notice.kind}`}>
          {notice.text}
        </p>
      )}
      <section aria-labelledby="kb-documents-heading">
        <h3 id="kb-documents-heading">{t('knowledge.documents')}</h3>
        {documents === null ? (
          <p>{t('common.loading')}</p>
        ) : (
          <DocumentList
            documents={documents}
            onDelete={canEdit ? setDeleting : undefined}
            onShowChunks={(document) => setDialog({ kind: 'chunks', document })}
          />
        )}
      </section>
      {/* The search test runs as a designer's tool: the server refuses it to readers. */}
      {canEdit && <KnowledgeSearch knowledgeBaseId={knowledgeBaseId} />}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('knowledge.deleteTitle', { name: deleting.name })}
          body={t('knowledge.deleteBody')}
          onConfirm={confirmDelete}
          onClose={closeDelete}
        />
      )}
      {dialog?.kind === 'rename' && base && (
        <KnowledgeBaseDialog
          base={base}
          onClose={closeDialog}
          onSaved={(saved) => {
            setBase(saved)
            setDialog(null)
            setNotice({ kind: 'info', text: t('knowledge.renamed', { name: saved.name }) })
          }}
        />
      )}
      {dialog?.kind === 'delete-base' && base && (
        <ConfirmDeleteDialog
          title={t('knowledge.deleteBaseTitle', { name: base.name })}
          body={t('knowledge.deleteBaseBody', { documents: base.documentCount })}
          onConfirm={confirmDeleteBase}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'chunks' && (
        <ChunkListDialog
          knowledgeBaseId={knowledgeBaseId}
          document={dialog.document}
          onClose={closeDialog}
        />
      )}
    </main>
  )
}
