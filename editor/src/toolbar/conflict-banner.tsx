import { downloadFile } from '../download-file.ts'
import { useT } from '../i18n.ts'
import { flowFileName, serializeFlow } from '../model/flow-file.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

/**
 * Shown when a save was refused because someone else saved first. Nothing is written over
 * their draft: the operator may export their own copy, then reload the server's.
 */
export function ConflictBanner(props: { onReload(): void }) {
  const t = useT()
  const status = useFlowDraftStore((s) => s.saveStatus)
  const theirs = useFlowDraftStore((s) => s.conflictRevision)
  if (status !== 'conflict') return null
  const exportMine = () => {
    const { flow } = useFlowDraftStore.getState()
    if (flow) downloadFile(flowFileName(flow), serializeFlow(flow))
  }
  return (
    <div className="conflict-banner" role="alert">
      <strong>{t('save.conflictTitle')}</strong>
      <p>{t('save.conflictBody', { theirs: theirs ?? '?' })}</p>
      <div className="dialog-actions">
        <button type="button" onClick={exportMine}>
          {t('save.exportMine')}
        </button>
        <button type="button" className="primary" onClick={props.onReload}>
          {t('save.reload')}
        </button>
      </div>
    </div>
  )
}
