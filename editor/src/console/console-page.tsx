import { useEffect } from 'react'
import { useT } from '../i18n.ts'
import './console.css'
import { useConsoleStore } from './console-store.ts'
import { ConversationPanel } from './conversation-panel.tsx'
import { CustomerContext } from './customer-context.tsx'
import { QueuePanel } from './queue-panel.tsx'

/** The agent console (人工坐席): live queue, the open conversation, and what is known about it. */
export function ConsolePage() {
  const t = useT()
  const error = useConsoleStore((s) => s.error)
  useEffect(() => useConsoleStore.getState().connect(), [])
  return (
    <main className="console-page" aria-label={t('console.heading')}>
      {error && (
        <p role="alert" className="notice error console-error">
          {error}
        </p>
      )}
      <QueuePanel />
      <ConversationPanel />
      <CustomerContext />
    </main>
  )
}
