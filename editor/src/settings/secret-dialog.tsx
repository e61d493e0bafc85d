import { type FormEvent, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { FormActions } from '../app/form-actions.tsx'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import { putSecret, type SecretView, secretNamePattern } from './secrets-api.ts'

/**
 * Adds a secret, or replaces the value of one (`replacing`). The value field always starts
 * empty: stored values are never sent back to the browser.
 */
export function SecretDialog(props: {
  replacing: SecretView | null
  onSaved(name: string): void
  onClose(): void
}) {
  const t = useT()
  const { replacing } = props
  const [name, setName] = useState(replacing?.name ?? '')
  const [value, setValue] = useState('')
  const [description, setDescription] = useState(replacing?.description ?? '')
  const [error, setError] = useState('')
  const [isSaving, setIsSaving] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setIsSaving(true)
    setError('')
    try {
      await putSecret(name, { value, description })
      props.onSaved(name)
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
      setIsSaving(false)
    }
  }

  return (
    <Modal
      title={
        replacing ? t('secrets.replaceTitle', { name: replacing.name }) : t('secrets.addTitle')
      }
      onClose={props.onClose}
    >
      <form className="form-grid" onSubmit={submit} autoComplete="off">
        <label htmlFor="secret-name">{t('secrets.name')}</label>
        <input
          id="secret-name"
          className="mono"
          required
          pattern={secretNamePattern}
          title={t('secrets.nameRule')}
          value={name}
          disabled={replacing !== null}
          onChange={(e) => setName(e.target.value)}
          placeholder="CRM_TOKEN"
        />
        <label htmlFor="secret-value">{t('secrets.value')}</label>
        <input
          id="secret-value"
          type="password"
          required
          maxLength={16_384}
          autoComplete="new-password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <label htmlFor="secret-description">{t('secrets.description')}</label>
        <input
          id="secret-description"
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <p className="hint">{t('secrets.valueHint')}</p>
        <FormActions
          error={error}
          submitLabel={t('secrets.save')}
          isDisabled={isSaving}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  )
}
