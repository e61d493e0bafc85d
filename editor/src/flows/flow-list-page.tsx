import { type ChangeEvent, useEffect, useRef, useState } from 'react'
import type { Flow } from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { ConfirmDeleteDialog } from '../app/confirm-delete-dialog.tsx'
import { useRouteStore } from '../app/route-store.ts'
import { useCan } from '../app/session-store.ts'
import { downloadFile } from '../download-file.ts'
import { useLocaleStore, useT } from '../i18n.ts'
import { flowFileName, parseFlowFile, serializeFlow } from '../model/flow-file.ts'
import { type FlowSummary, useFlowListStore } from './flow-list-store.ts'
import { FlowRow } from './flow-row.tsx'
import { NewFlowDialog } from './new-flow-dialog.tsx'

type Notice = { kind: 'info' | 'error'; text: string } | null

/** All flows: search, create, import, and per flow open, export, duplicate, delete. */
export function FlowListPage() {
  const t = useT()
  // Analysts read flows; only designers and admins change them (the server enforces it).
  const canEdit = useCan('flows.edit')
  const locale = useLocaleStore((s) => s.locale)
  const state = useFlowListStore((s) => s.state)
  const navigate = useRouteStore((s) => s.navigate)
  const [query, setQuery] = useState('')
  const [isCreating, setIsCreating] = useState(false)
  const [deleting, setDeleting] = useState<FlowSummary | null>(null)
  const [notice, setNotice] = useState<Notice>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    void useFlowListStore.getState().load()
  }, [])

  const act = async (work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      setNotice({ kind: 'error', text: t('common.error', { message: errorMessage(error) }) })
    }
  }

  const create = (flow: Flow) =>
    act(async () => {
      const { flowId } = await useFlowListStore.getState().create(flow)
      setIsCreating(false)
      navigate({ page: 'editor', flowId })
    })

  const importFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    void act(async () => {
      const result = parseFlowFile(await file.text())
      if (result.kind === 'not_json') {
        setNotice({ kind: 'error', text: t('flows.importFailed', { message: t('flows.notJson') }) })
        return
      }
      if (result.kind === 'not_a_flow') {
        const message = `${t('flows.notAFlow')} ${result.issues.slice(0, 3).join('; ')}`
        setNotice({ kind: 'error', text: t('flows.importFailed', { message }) })
        return
      }
      const { problemCount } = await useFlowListStore.getState().create(result.flow)
      const name = result.flow.name
      setNotice({
        kind: 'info',
        text:
          problemCount > 0
            ? t('flows.importProblems', { name, count: problemCount })
            : t('flows.imported', { name }),
      })
    })
  }

  const exportFlow = (flowId: string) =>
    act(async () => {
      const flow = await useFlowListStore.getState().readDraft(flowId)
      downloadFile(flowFileName(flow), serializeFlow(flow))
    })

  const duplicate = (summary: FlowSummary) =>
    act(async () => {
      await useFlowListStore
        .getState()
        .duplicate(summary.id, t('flows.copyName', { name: summary.name }))
    })

  const confirmDelete = () => {
    const target = deleting
    setDeleting(null)
    if (target) void act(() => useFlowListStore.getState().remove(target.id))
  }

  const needle = query.trim().toLowerCase()
  const shown =
    state.kind === 'loaded'
      ? state.flows.filter(
          (f) =>
            needle === '' || `${f.name} ${f.id} ${f.description}`.toLowerCase().includes(needle),
        )
      : []

  return (
    <main className="page">
      <div className="list-header">
        <h2 id="flows-heading">{t('flows.heading')}</h2>
        <input
          type="search"
          aria-label={t('flows.search')}
          placeholder={t('flows.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {canEdit && (
          <>
            <button type="button" onClick={() => fileInput.current?.click()}>
              {t('flows.import')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              aria-label={t('flows.importFile')}
              className="visually-hidden"
              onChange={importFile}
            />
            <button type="button" className="primary" onClick={() => setIsCreating(true)}>
              {t('flows.new')}
            </button>
          </>
        )}
      </div>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice ${notice.kind}`}>
          {notice.text}
        </p>
      )}
      {state.kind === 'loading' && <p>{t('common.loading')}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="notice error">
          {t('flows.error', { message: state.message })}
        </p>
      )}
      {state.kind === 'loaded' && state.flows.length === 0 && <p>{t('flows.empty')}</p>}
      {state.kind === 'loaded' && state.flows.length > 0 && shown.length === 0 && (
        <p>{t('flows.noMatch', { query })}</p>
      )}
      <ul className="flow-list" aria-labelledby="flows-heading">
        {shown.map((flow) => (
          <FlowRow
            key={flow.id}
            flow={flow}
            locale={locale}
            onExport={() => void exportFlow(flow.id)}
            onDuplicate={() => void duplicate(flow)}
            onDelete={() => setDeleting(flow)}
          />
        ))}
      </ul>
      {isCreating && <NewFlowDialog onCreate={create} onClose={() => setIsCreating(false)} />}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('flows.deleteTitle', { name: deleting.name })}
          body={t('flows.deleteBody')}
          onConfirm={confirmDelete}
          onClose={() => setDeleting(null)}
        />
      )}
    </main>
  )
}
