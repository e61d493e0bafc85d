import { type FormEvent, useState } from 'react'
import { z } from 'zod'
import { apiRequest, errorMessage } from '../api-client.ts'
import { FormActions } from '../app/form-actions.tsx'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import { flushDraft } from '../stores/draft-saver.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

const publishedSchema = z.object({ version: z.number() })

/** Publishes the saved draft with a note; refused drafts show why (problems stay listed). */
export function PublishDialog(props: { onClose(): void; onPublished(version: number): void }) {
  const t = useT()
  const [note, setNote] = useState('')
  const [error, setError] = useState('')
  const [isBusy, setIsBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setIsBusy(true)
    setError('')
    try {
      if (!(await flushDraft())) {
        const { saveMessage, saveStatus } = useFlowDraftStore.getState()
        throw new Error(
          saveMessage || t(saveStatus === 'conflict' ? 'save.conflictTitle' : 'save.unsaved'),
        )
      }
      const { flowId, revision } = useFlowDraftStore.getState()
      const body = publishedSchema.parse(
        await apiRequest('POST', `/api/flows/${encodeURIComponent(flowId ?? '')}/publish`, {
          note,
          revision,
        }),
      )
      useFlowDraftStore.getState().setLatestVersion(body.version)
      props.onPublished(body.version)
    } catch (caught) {
      // A refused flow_invalid names its first problem: publish also checks what the editor
      // cannot (compliance, prepare), so the problems list below may not show it.
      setError(t('publish.failed', { message: errorMessage(caught) }))
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <Modal title={t('publish.title')} onClose={props.onClose}>
      <form className="form-grid" onSubmit={submit}>
        <label htmlFor="publish-note">{t('publish.note')}</label>
        <textarea
          id="publish-note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <FormActions
          error={error}
          submitLabel={t('publish.confirm')}
          isDisabled={isBusy}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  )
}
