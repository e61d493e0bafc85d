import { useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import { restoreVersion } from './versions-api.ts'

/**
 * Asks before a published version replaces the draft. The draft is saved, not published; a
 * save refused as a conflict closes the dialog so the conflict banner can speak.
 */
export function RestoreDialog(props: {
  flowId: string
  version: number
  onClose(): void
  onRestored(version: number): void
}) {
  const t = useT()
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const restore = async () => {
    setBusy(true)
    setError('')
    try {
      const status = await restoreVersion(props.flowId, props.version)
      if (status === 'saved') props.onRestored(props.version)
      else if (status === 'conflict') props.onClose()
      else setError(t('restore.notSaved'))
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title={t('restore.title', { version: props.version })} onClose={props.onClose}>
      <p>{t('restore.body', { version: props.version })}</p>
      {error && <p role="alert">{t('common.error', { message: error })}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" disabled={isBusy} onClick={() => void restore()}>
          {t('restore.confirm')}
        </button>
      </div>
    </Modal>
  )
}
