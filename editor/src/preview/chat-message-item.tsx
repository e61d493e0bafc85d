import { useT } from '../i18n.ts'
import type { ChatMessage } from './chat-messages.ts'

/** The rules a compliance policy applied to a message (meta.compliance), if any. */
function complianceOf(message: ChatMessage): { rules: string[]; isBlocked: boolean } | null {
  const compliance = message.meta?.compliance
  if (typeof compliance !== 'object' || compliance === null || !('rules' in compliance)) return null
  const rules = Array.isArray(compliance.rules)
    ? compliance.rules.filter((r): r is string => typeof r === 'string')
    : []
  return { rules, isBlocked: 'isBlocked' in compliance && compliance.isBlocked === true }
}

const roleLabels = {
  customer: 'chat.customer',
  bot: 'chat.bot',
  agent: 'chat.agent',
  system: 'chat.system',
} as const

/** One chat bubble: a streaming bubble is marked busy; offline answers and compliance are labelled. */
export function ChatMessageItem({ message }: { message: ChatMessage }) {
  const t = useT()
  const compliance = complianceOf(message)
  const isOffline = message.meta?.isOffline === true
  return (
    <li
      className={`chat-message ${message.role}${message.isStreaming ? ' is-streaming' : ''}`}
      aria-busy={message.isStreaming ? true : undefined}
    >
      <span className="visually-hidden">{t(roleLabels[message.role])}: </span>
      {message.text}
      {(isOffline || compliance) && (
        <span className="chat-meta">
          {isOffline && (
            <span className="badge offline" title={t('chat.offlineHint')}>
              {t('chat.offline')}
            </span>
          )}
          {compliance && (
            <span className="compliance-note">
              {t(compliance.isBlocked ? 'chat.complianceBlocked' : 'chat.compliance', {
                rules: compliance.rules.join(', '),
              })}
            </span>
          )}
        </span>
      )}
    </li>
  )
}
