import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'

export function ConfirmDeleteDialog(props: { name: string; onConfirm(): void; onClose(): void }) {
  const t = useT()
  return (
    <Modal title={t('flows.deleteTitle', { name: props.name })} onClose={props.onClose}>
      <p>{t('flows.deleteBody')}</p>
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
