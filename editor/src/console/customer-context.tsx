import { useT } from '../i18n.ts'
import { useConsoleStore } from './console-store.ts'
import { eventNoteText, intentText, sentimentLabel } from './desk-labels.ts'

function Values(props: { values: Record<string, unknown>; label: string; empty: string }) {
  const entries = Object.entries(props.values)
  if (entries.length === 0) return <p className="hint">{props.empty}</p>
  return (
    <dl className="variables" aria-label={props.label}>
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>
            <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** What the agent knows: the summary, entities, customer profile, notes and the bot's trace. */
export function CustomerContext() {
  const t = useT()
  const view = useConsoleStore((s) => s.view)
  if (!view) return <aside className="console-context" />
  // The summary's own facts are codes (or the intent's label): said in the operator's language.
  const sentiment = view.summary?.sentimentLabel ?? view.signals.sentimentLabel
  const intent = view.summary ? intentText(view.summary) : null
  return (
    <aside className="console-context" aria-label={t('console.context')}>
      <h3>{t('console.summary')}</h3>
      <p className="console-summary">{view.summary?.text ?? t('console.noSummary')}</p>
      {view.handoff && (
        <p className="hint">
          {t('console.reasonLine', { reason: view.handoff.reason, queue: view.handoff.queue })}
        </p>
      )}
      {intent && <p className="hint">{t('console.intent', { label: intent })}</p>}
      {typeof sentiment === 'string' && (
        <p className="hint">{t('console.sentiment', { label: sentimentLabel(t, sentiment) })}</p>
      )}
      <h3>{t('console.entities')}</h3>
      <Values
        values={view.entities}
        label={t('console.entities')}
        empty={t('console.noEntities')}
      />
      <h3>{t('console.profile')}</h3>
      <Values values={view.profile} label={t('console.profile')} empty={t('console.noValues')} />
      <h3>{t('console.variables')}</h3>
      <Values
        values={view.variables}
        label={t('console.variables')}
        empty={t('console.noValues')}
      />
      <h3>{t('console.notes')}</h3>
      <ol className="console-notes">
        {view.notes.map((note) => (
          <li key={note.id} className={`note ${note.kind}`}>
            <span className="hint">{note.agentName ?? '—'}: </span>
            {note.kind === 'event' ? eventNoteText(t, note) : note.text}
          </li>
        ))}
      </ol>
      <h3>{t('console.trace')}</h3>
      <ol className="console-trace">
        {view.trace.map((turn) => (
          <li key={turn.id}>
            #{turn.seq} {turn.eventType}:{' '}
            {turn.steps
              .map((s) => `${s.nodeId}${s.port ? `→${s.port}` : ` (${s.outcome})`}`)
              .join(' · ')}
          </li>
        ))}
      </ol>
    </aside>
  )
}
