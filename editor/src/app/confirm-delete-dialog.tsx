import { useT } from '../i18n.ts'
import { Modal } from './modal.tsx'

/** Asks before deleting anything (a flow, a document, a provider): cancel, or delete. */
export function ConfirmDeleteDialog(props: {
  title: string
  body: string
  onConfirm(): void
  onClose(): void
}) {
  const t = useT()
  return (
    <Modal title={props.title} onClose={props.onClose}>
      <p>{props.body}</p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {t('common.delete')}
        </button>
      </div>
    </Modal>
  )
}
