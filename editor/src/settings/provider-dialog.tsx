import { type FormEvent, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { FormActions } from '../app/form-actions.tsx'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import {
  emptyProviderForm,
  formOf,
  type ProviderForm,
  type ProviderView,
} from './provider-model.ts'

/** Add a provider, or edit one (`editing`): the key field is empty and keeps the key if left so. */
export function ProviderDialog(props: {
  editing: ProviderView | null
  onSave(form: ProviderForm): Promise<void>
  onClose(): void
}) {
  const t = useT()
  const { editing } = props
  const [form, setForm] = useState<ProviderForm>(editing ? formOf(editing) : emptyProviderForm())
  const [error, setError] = useState('')
  const [isSaving, setIsSaving] = useState(false)
  const set = (field: keyof ProviderForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setIsSaving(true)
    setError('')
    try {
      await props.onSave(form)
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
      setIsSaving(false)
    }
  }

  return (
    <Modal
      title={editing ? t('settings.editTitle', { name: editing.name }) : t('settings.addTitle')}
      onClose={props.onClose}
    >
      <form className="form-grid" onSubmit={submit}>
        <label>
          {t('settings.name')}
          <input
            required
            value={form.name}
            disabled={editing !== null}
            onChange={set('name')}
            placeholder="deepseek"
          />
        </label>
        <label>
          {t('settings.baseUrl')}
          <input
            required
            type="url"
            value={form.baseUrl}
            onChange={set('baseUrl')}
            placeholder="https://api.deepseek.com/v1"
          />
        </label>
        <label>
          {t('settings.apiKey')}
          <input
            type="password"
            autoComplete="off"
            value={form.apiKey}
            onChange={set('apiKey')}
            placeholder={editing?.hasApiKey ? t('settings.keepKey') : ''}
          />
        </label>
        {editing?.hasApiKey && <p className="hint">{t('settings.keepKeyHint')}</p>}
        <label>
          {t('settings.chatModel')}
          <input
            required
            value={form.chatModel}
            onChange={set('chatModel')}
            placeholder="deepseek-chat"
          />
        </label>
        <label>
          {t('settings.embeddingModel')}
          <input value={form.embeddingModel} onChange={set('embeddingModel')} />
        </label>
        <FormActions
          error={error}
          submitLabel={t('settings.save')}
          isDisabled={isSaving}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  )
}
