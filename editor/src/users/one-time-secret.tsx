import { useT } from '../i18n.ts'

/** A password or key the server returns once: shown here, never again. */
export function OneTimeSecret(props: { label: string; value: string; onDone(): void }) {
  const t = useT()
  return (
    <div className="notice info one-time-secret" role="status">
      <p>{props.label}</p>
      <code data-testid="one-time-secret">{props.value}</code>
      <div className="flow-row-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(props.value)}>
          {t('users.copy')}
        </button>
        <button type="button" className="ghost" onClick={props.onDone}>
          {t('users.secretSeen')}
        </button>
      </div>
    </div>
  )
}
