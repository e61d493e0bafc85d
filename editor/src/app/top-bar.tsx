import { type MessageKey, useT } from '../i18n.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { type Route, useRouteStore } from './route-store.ts'
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
      {token && <MainNav />}
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

const sections: readonly { key: MessageKey; href: string; pages: readonly Route['page'][] }[] = [
  { key: 'nav.flows', href: '#/', pages: ['flows', 'editor'] },
  { key: 'nav.knowledge', href: '#/knowledge', pages: ['knowledge', 'knowledge-base'] },
  { key: 'nav.settings', href: '#/settings', pages: ['settings'] },
]

function MainNav() {
  const t = useT()
  const page = useRouteStore((s) => s.route.page)
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      {sections.map((section) => {
        const isCurrent = section.pages.includes(page)
        return (
          <a
            key={section.href}
            href={section.href}
            aria-current={isCurrent ? 'page' : undefined}
            className={isCurrent ? 'current' : undefined}
          >
            {t(section.key)}
          </a>
        )
      })}
    </nav>
  )
}
