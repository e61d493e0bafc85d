import { type FormEvent, useRef, useState } from 'react'
import { findMessageKey, useT } from '../i18n.ts'
import { ChatMessageItem } from '../preview/chat-message-item.tsx'
import { useScrollToEnd } from '../preview/use-scroll-to-end.ts'
import { useConsoleStore } from './console-store.ts'
import { resolutionCodeLabel } from './desk-labels.ts'
import { TestBadge } from './test-badge.tsx'

/** The open conversation: transcript, reply box with canned responses, and the agent's actions. */
export function ConversationPanel() {
  const t = useT()
  const view = useConsoleStore((s) => s.view)
  const selectedId = useConsoleStore((s) => s.selectedId)
  const canned = useConsoleStore((s) => s.canned)
  const snapshot = useConsoleStore((s) => s.snapshot)
  const [text, setText] = useState('')
  const [note, setNote] = useState('')
  const [queue, setQueue] = useState('')
  const [resolutionCode, setResolutionCode] = useState('')
  const store = useConsoleStore.getState()
  const log = useRef<HTMLOListElement>(null)
  const last = view?.messages.at(-1)
  useScrollToEnd(log, last ? `${view?.messages.length}:${last.id}` : undefined)

  if (!selectedId)
    return <section className="console-conversation hint">{t('console.pick')}</section>
  if (!view) return <section className="console-conversation hint">{t('common.loading')}</section>
  const agents = snapshot?.agents ?? []
  const isMine =
    (snapshot?.mine.some((m) => m.conversationId === view.conversation.id) ?? false) &&
    view.handoff?.status === 'assigned'
  const code = resolutionCode || view.resolutionCodes[0] || 'resolved'

  const send = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim() === '') return
    void store.reply(text.trim())
    store.typing(false)
    setText('')
  }
  const addNote = (event: FormEvent) => {
    event.preventDefault()
    if (note.trim() === '') return
    void store.note(note.trim())
    setNote('')
  }

  return (
    <section className="console-conversation" aria-labelledby="console-conversation-heading">
      <h2 id="console-conversation-heading">
        {t('console.conversation', { channel: view.conversation.channel })}
        {view.conversation.customerId ? ` · ${view.conversation.customerId}` : ''}
        {view.handoff?.isTest && <TestBadge />}
      </h2>
      <p className="hint">
        {t('console.state', {
          status: view.handoff
            ? t(
                findMessageKey(`console.handoff.${view.handoff.status}`) ??
                  'console.handoff.waiting',
              )
            : view.conversation.status,
          agent: view.handoff?.agentName ?? '—',
        })}
      </p>
      <ol ref={log} className="chat-log console-log" aria-label={t('console.transcript')}>
        {view.messages.map((message) => (
          <ChatMessageItem key={message.id} message={message} />
        ))}
      </ol>
      {view.handoff?.status === 'waiting' && (
        <button
          type="button"
          className="primary"
          onClick={() => void store.claim(view.conversation.id)}
        >
          {t('console.claim')}
        </button>
      )}
      {isMine && (
        <>
          <form className="chat-input" onSubmit={send}>
            <input
              className="chat-text"
              aria-label={t('console.reply')}
              placeholder={t('console.replyHint')}
              value={text}
              onChange={(e) => {
                setText(e.target.value)
                store.typing(e.target.value !== '')
              }}
            />
            <button type="submit" className="primary">
              {t('console.send')}
            </button>
          </form>
          {canned.length > 0 && (
            <div className="field">
              <label htmlFor="console-canned">{t('console.canned')}</label>
              <select
                id="console-canned"
                value=""
                onChange={(e) => {
                  const picked = canned.find((c) => c.id === e.target.value)
                  if (picked) setText((current) => `${current}${picked.text}`)
                }}
              >
                <option value="">{t('console.cannedPick')}</option>
                {canned.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="console-actions">
            <button type="button" onClick={() => void store.returnToBot()}>
              {t('console.return')}
            </button>
            <label htmlFor="console-resolution">{t('console.resolution')}</label>
            <select
              id="console-resolution"
              value={code}
              onChange={(e) => setResolutionCode(e.target.value)}
            >
              {view.resolutionCodes.map((c) => (
                <option key={c} value={c}>
                  {resolutionCodeLabel(t, c)}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void store.close(code, 'resolved')}>
              {t('console.close')}
            </button>
          </div>
          <div className="console-actions">
            <label htmlFor="console-transfer-queue">{t('console.transferQueue')}</label>
            <input
              id="console-transfer-queue"
              value={queue}
              placeholder="after-sales"
              onChange={(e) => setQueue(e.target.value)}
            />
            <button
              type="button"
              disabled={queue.trim() === ''}
              onClick={() => void store.transfer({ queue: queue.trim() })}
            >
              {t('console.transfer')}
            </button>
            <label htmlFor="console-transfer-agent">{t('console.transferAgent')}</label>
            <select
              id="console-transfer-agent"
              value=""
              onChange={(e) => e.target.value && void store.transfer({ agentId: e.target.value })}
            >
              <option value="">{t('console.pickAgent')}</option>
              {agents
                .filter((a) => a.status === 'online' && a.agentId !== view.handoff?.agentId)
                .map((a) => (
                  <option key={a.agentId} value={a.agentId}>
                    {a.name}
                  </option>
                ))}
            </select>
          </div>
        </>
      )}
      <form className="console-note" onSubmit={addNote}>
        <input
          aria-label={t('console.note')}
          placeholder={t('console.noteHint')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="submit">{t('console.addNote')}</button>
      </form>
    </section>
  )
}
