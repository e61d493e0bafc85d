import { useT } from '../i18n.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { useSessionStore } from './session-store.ts'

export function TopBar() {
  const t = useT()
  const token = useSessionStore((s) => s.token)
  const setToken = useSessionStore((s) => s.setToken)
  return (
    <header className="top-bar">
      <h1>
        {t('app.title')} <span className="top-bar-sub">{t('app.subtitle')}</span>
      </h1>
      <div className="top-bar-actions">
        {token && (
          <button type="button" className="ghost" onClick={() => setToken('')}>
            {t('app.signOut')}
          </button>
        )}
        <LanguageSwitch />
      </div>
    </header>
  )
}
