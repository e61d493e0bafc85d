import { type FormEvent, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { FormActions } from '../app/form-actions.tsx'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import { updateKnowledgeBase } from './knowledge-api.ts'
import type { KnowledgeBaseSummary } from './knowledge-model.ts'

/** Renames a knowledge base and changes its description; flows refer to it by id, so they keep working. */
export function KnowledgeBaseDialog(props: {
  base: KnowledgeBaseSummary
  onClose(): void
  onSaved(base: KnowledgeBaseSummary): void
}) {
  const t = useT()
  const [name, setName] = useState(props.base.name)
  const [description, setDescription] = useState(props.base.description)
  const [error, setError] = useState('')
  const [isSaving, setIsSaving] = useState(false)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setIsSaving(true)
    setError('')
    try {
      props.onSaved(await updateKnowledgeBase(props.base.id, { name: name.trim(), description }))
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Modal title={t('knowledge.renameTitle')} onClose={props.onClose}>
      <form className="form-grid" onSubmit={save}>
        <label htmlFor="kb-rename-name">{t('knowledge.name')}</label>
        <input
          id="kb-rename-name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="kb-rename-description">{t('knowledge.description')}</label>
        <input
          id="kb-rename-description"
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <FormActions
          error={error}
          submitLabel={t('knowledge.save')}
          isDisabled={isSaving || name.trim() === ''}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  )
}
