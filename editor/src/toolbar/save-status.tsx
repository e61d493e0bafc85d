import { useT } from '../i18n.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

/** Saved / saving / unsaved / offline (retrying) / refused, announced politely. */
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
          ? t('save.offline', { message })
          : status === 'invalid'
            ? t('save.invalid', { message })
            : status === 'conflict'
              ? t('save.conflictTitle')
              : t('save.unsaved')
  return (
    <output className={`save-status ${status}`} aria-live="polite" data-status={status}>
      {text}
    </output>
  )
}
