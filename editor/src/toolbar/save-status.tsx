import { useT } from '../i18n.ts'
import { saveDraftNow } from '../stores/draft-saver.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

/**
 * Saved / saving / unsaved / offline (retrying) / refused, announced politely. Offline keeps
 * the edits in the page and retries by itself; "Retry now" does not wait.
 */
export function SaveStatus() {
  const t = useT()
  const status = useFlowDraftStore((s) => s.saveStatus)
  const message = useFlowDraftStore((s) => s.saveMessage)
  const text =
    status === 'saved'
      ? t('save.saved')
      : status === 'saving'
        ? t('save.saving')
        : status === 'offline'
          ? t('save.offline')
          : status === 'invalid'
            ? t('save.invalid', { message })
            : status === 'conflict'
              ? t('save.conflictTitle')
              : t('save.unsaved')
  return (
    <>
      <output
        className={`save-status ${status}`}
        aria-live="polite"
        data-status={status}
        title={status === 'offline' ? message : undefined}
      >
        {text}
      </output>
      {status === 'offline' && (
        <button type="button" className="small" onClick={() => void saveDraftNow()}>
          {t('save.retryNow')}
        </button>
      )}
    </>
  )
}
