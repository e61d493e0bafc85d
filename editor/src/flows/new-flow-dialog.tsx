import { type FormEvent, useState } from 'react'
import type { Flow } from '../../../shared/index.ts'
import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'
import { newFlowId } from '../model/flow-file.ts'
import { flowFromTemplate, type TemplateId } from './flow-templates.ts'

/** Name, id and starting point of a new flow. */
export function NewFlowDialog(props: { onCreate(flow: Flow): void; onClose(): void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [id, setId] = useState('')
  const [isIdEdited, setIsIdEdited] = useState(false)
  const [template, setTemplate] = useState<TemplateId>('empty')
  const [openedAtMs] = useState(() => Date.now())
  const shownId = isIdEdited ? id : newFlowId(name, openedAtMs)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() === '') return
    props.onCreate(flowFromTemplate(template, shownId, name.trim()))
  }

  return (
    <Modal title={t('newFlow.title')} onClose={props.onClose}>
      <form className="form-grid" onSubmit={submit}>
        <label htmlFor="new-flow-name">{t('newFlow.name')}</label>
        <input
          id="new-flow-name"
          value={name}
          required
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="new-flow-id">{t('newFlow.id')}</label>
        <input
          id="new-flow-id"
          value={shownId}
          pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*"
          maxLength={100}
          onChange={(e) => {
            setIsIdEdited(true)
            setId(e.target.value)
          }}
        />
        <label htmlFor="new-flow-template">{t('newFlow.template')}</label>
        <select
          id="new-flow-template"
          value={template}
          onChange={(e) => setTemplate(e.target.value === 'greeting' ? 'greeting' : 'empty')}
        >
          <option value="empty">{t('template.empty')}</option>
          <option value="greeting">{t('template.greeting')}</option>
        </select>
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('newFlow.create')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
