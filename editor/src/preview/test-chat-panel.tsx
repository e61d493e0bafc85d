import { type FormEvent, useRef, useState } from 'react'
import { findMessageKey, useT } from '../i18n.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { ChatMessageItem } from './chat-message-item.tsx'
import { CustomerForm } from './customer-form.tsx'
import { usePreviewStore } from './preview-store.ts'
import { parseProfile } from './simulated-customer.ts'
import { TraceList } from './trace-list.tsx'
import { useScrollToEnd } from './use-scroll-to-end.ts'

/** Talk to the draft as a customer; variables and the per-node trace below the chat. */
export function TestChatPanel() {
  const t = useT()
  const flowId = useFlowDraftStore((s) => s.flowId)
  const conversationId = usePreviewStore((s) => s.conversationId)
  const messages = usePreviewStore((s) => s.messages)
  const status = usePreviewStore((s) => s.status)
  const variables = usePreviewStore((s) => s.variables)
  const isBusy = usePreviewStore((s) => s.isBusy)
  const error = usePreviewStore((s) => s.error)
  const agentTyping = usePreviewStore((s) => s.agentTyping)
  const locale = usePreviewStore((s) => s.locale)
  const profile = usePreviewStore((s) => s.profile)
  const isProfileValid = usePreviewStore((s) => parseProfile(s.customer.profileText).ok)
  const [text, setText] = useState('')
  const preview = usePreviewStore.getState()
  const isClosed = status === 'closed'
  const lastBot = [...messages].reverse().find((m) => m.role === 'bot')
  const log = useRef<HTMLOListElement>(null)
  const last = messages.at(-1)
  useScrollToEnd(log, last ? `${messages.length}:${last.text.length}` : undefined)

  const send = (event: FormEvent) => {
    event.preventDefault()
    if (text.trim() === '' || isBusy) return
    void preview.send(text.trim())
    setText('')
  }

  return (
    <section className="side-panel chat-panel" aria-labelledby="chat-heading">
      <div className="chat-head">
        <h2 id="chat-heading">{t('chat.heading')}</h2>
        <button
          type="button"
          onClick={() => {
            preview.setOpen(false)
            // Back to the toolbar button that opened the chat, not lost on the page.
            document.getElementById('test-chat-toggle')?.focus()
          }}
        >
          {t('common.close')}
        </button>
      </div>
      <p className="hint">{t('chat.intro')}</p>
      <div className="chat-controls">
        <label htmlFor="chat-locale">{t('chat.locale')}</label>
        <select id="chat-locale" value={locale} onChange={(e) => preview.setLocale(e.target.value)}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <button
          type="button"
          className={conversationId ? '' : 'primary'}
          disabled={isBusy || !flowId || !isProfileValid}
          onClick={() => flowId && void preview.start(flowId)}
        >
          {conversationId ? t('chat.reset') : t('chat.start')}
        </button>
      </div>
      <CustomerForm />
      {error && (
        <p role="alert" className="notice error">
          {t('chat.failed', { message: error })}
        </p>
      )}
      <ol ref={log} className="chat-log" aria-live="polite" aria-label={t('chat.heading')}>
        {messages.map((m) => (
          <ChatMessageItem key={m.id} message={m} />
        ))}
      </ol>
      {agentTyping && <p className="chat-typing">{t('chat.agentTyping', { name: agentTyping })}</p>}
      {lastBot?.quickReplies && lastBot.quickReplies.length > 0 && !isClosed && (
        <div className="quick-replies">
          {lastBot.quickReplies.map((reply) => (
            <button
              key={reply.label}
              type="button"
              disabled={isBusy}
              onClick={() => void preview.send(reply.label, reply.value ?? reply.label)}
            >
              {reply.label}
            </button>
          ))}
        </div>
      )}
      {status && (
        <p className="hint">
          {t('chat.status', {
            status: t(findMessageKey(`chat.state.${status}`) ?? 'chat.state.active'),
          })}
        </p>
      )}
      {isClosed && <p className="hint">{t('chat.ended')}</p>}
      {conversationId && !isClosed && (
        <form className="chat-input" onSubmit={send}>
          <input
            className="chat-text"
            aria-label={t('chat.input')}
            placeholder={t('chat.input')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" disabled={isBusy}>
            {t('chat.send')}
          </button>
        </form>
      )}
      {conversationId && (
        <>
          <h3>{t('chat.variables')}</h3>
          {Object.keys(variables).length === 0 ? (
            <p className="hint">{t('chat.noVariables')}</p>
          ) : (
            <dl className="variables">
              {Object.entries(variables).map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>
                    <code>{JSON.stringify(value)}</code>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <h3>{t('chat.profile')}</h3>
          {Object.keys(profile).length === 0 ? (
            <p className="hint">{t('chat.noProfile')}</p>
          ) : (
            <dl className="variables chat-profile">
              {Object.entries(profile).map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>
                    <code>{JSON.stringify(value)}</code>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <h3>{t('chat.trace')}</h3>
          <TraceList />
        </>
      )}
    </section>
  )
}
