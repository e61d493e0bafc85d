import { useEffect, useState } from 'react'
import { useT } from '../i18n.ts'
import { formatWait, type QueueItem } from './console-api.ts'
import { useConsoleStore } from './console-store.ts'
import { TestBadge } from './test-badge.tsx'

/** Re-renders every second so that wait times tick between snapshots. */
function useTick(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return now
}

/** The live queue, the agent's own conversations and their presence. */
export function QueuePanel() {
  const t = useT()
  const snapshot = useConsoleStore((s) => s.snapshot)
  const receivedAtMs = useConsoleStore((s) => s.receivedAtMs)
  const selectedId = useConsoleStore((s) => s.selectedId)
  const claimedBy = useConsoleStore((s) => s.claimedBy)
  const now = useTick()
  const store = useConsoleStore.getState()
  const sinceMs = Math.max(0, now - receivedAtMs)
  const status = snapshot?.me?.status ?? 'offline'

  const row = (item: QueueItem, isMine: boolean) => (
    <li
      key={item.conversationId}
      className={`queue-item priority-${item.priority}${item.conversationId === selectedId ? ' is-selected' : ''}`}
    >
      <button
        type="button"
        className="queue-open"
        onClick={() => store.select(item.conversationId)}
        aria-label={t('console.open', { reason: item.reason })}
      >
        <span className={`badge priority ${item.priority}`}>
          {t(`console.priority.${item.priority}`)}
        </span>
        <span className="queue-name">
          {item.queue}
          {item.isTest && <TestBadge />}
        </span>
        <span className="queue-wait" title={t('console.waited')}>
          {formatWait(item.waitedMs + sinceMs)}
        </span>
        <span className="queue-reason">{item.reason}</span>
        {item.summary && <span className="queue-summary">{item.summary}</span>}
      </button>
      {!isMine && (
        <button
          type="button"
          className="primary"
          onClick={() => void store.claim(item.conversationId)}
        >
          {t('console.claim')}
        </button>
      )}
    </li>
  )

  return (
    <section className="console-queue" aria-labelledby="console-queue-heading">
      <div className="field">
        <label htmlFor="console-presence">{t('console.presence')}</label>
        <select
          id="console-presence"
          value={status}
          onChange={(e) => {
            const next = e.target.value
            if (next === 'online' || next === 'away' || next === 'offline')
              void store.setPresence(next)
          }}
        >
          <option value="online">{t('console.status.online')}</option>
          <option value="away">{t('console.status.away')}</option>
          <option value="offline">{t('console.status.offline')}</option>
        </select>
        {status !== 'online' && (
          // A first-time agent starts offline and would wait for customers who never come.
          <p className="hint" id="console-presence-hint">
            {t('console.notOnlineHint')}
          </p>
        )}
      </div>
      {claimedBy !== null && (
        <p role="alert" className="notice error">
          {t('console.claimedBy', { name: claimedBy })}
        </p>
      )}
      <h2 id="console-queue-heading">
        {t('console.waiting', { count: snapshot?.waiting.length ?? 0 })}
      </h2>
      {snapshot && snapshot.waiting.length === 0 && (
        <p className="hint">{t('console.noneWaiting')}</p>
      )}
      <ol className="queue-list" aria-label={t('console.waitingList')}>
        {snapshot?.waiting.map((item) => row(item, false))}
      </ol>
      <h2>{t('console.mine', { count: snapshot?.mine.length ?? 0 })}</h2>
      <ol className="queue-list" aria-label={t('console.mineList')}>
        {snapshot?.mine.map((item) => row(item, true))}
      </ol>
      <h2>{t('console.agents')}</h2>
      <ul className="agent-list">
        {snapshot?.agents.map((agent) => (
          <li key={agent.agentId}>
            <span className={`presence-dot ${agent.status}`} aria-hidden="true" />
            {agent.name} · {t(`console.status.${agent.status}`)} · {agent.assigned}/
            {agent.maxConcurrent}
          </li>
        ))}
      </ul>
    </section>
  )
}
