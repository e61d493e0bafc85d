import { type MessageKey, useT } from '../i18n.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { allowedRoute } from './page-access.ts'
import { type Route, useRouteStore } from './route-store.ts'
import { type Capability, roleCan, useSessionStore } from './session-store.ts'

export function TopBar() {
  const t = useT()
  const me = useSessionStore((s) => (s.status === 'signed-in' ? s.me : undefined))
  const signOut = useSessionStore((s) => s.signOut)
  return (
    <header className="top-bar">
      <h1>
        {t('app.title')} <span className="top-bar-sub">{t('app.subtitle')}</span>
      </h1>
      {me && !me.mustChangePassword && <MainNav />}
      <div className="top-bar-actions">
        {me && (
          <span className="top-bar-user" title={t(`role.${me.role}`)}>
            {me.name} · {t(`role.${me.role}`)}
          </span>
        )}
        {me && (
          <button type="button" className="ghost" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        )}
        <LanguageSwitch />
      </div>
    </header>
  )
}

const sections: readonly {
  key: MessageKey
  href: string
  pages: readonly Route['page'][]
  /** Hidden from roles without it; the server refuses them anyway. */
  capability: Capability
}[] = [
  { key: 'nav.flows', href: '#/', pages: ['flows', 'editor'], capability: 'flows.view' },
  {
    key: 'nav.knowledge',
    href: '#/knowledge',
    pages: ['knowledge', 'knowledge-base'],
    capability: 'knowledge.view',
  },
  {
    key: 'nav.experiments',
    href: '#/experiments',
    pages: ['experiments', 'experiment'],
    capability: 'experiments.view',
  },
  {
    key: 'nav.analytics',
    href: '#/analytics',
    pages: ['analytics'],
    capability: 'analytics.view',
  },
  { key: 'nav.console', href: '#/console', pages: ['console'], capability: 'console.use' },
  { key: 'nav.settings', href: '#/settings', pages: ['settings'], capability: 'settings.view' },
  { key: 'nav.users', href: '#/users', pages: ['users'], capability: 'users.manage' },
  { key: 'nav.audit', href: '#/audit', pages: ['audit'], capability: 'users.manage' },
]

function MainNav() {
  const t = useT()
  const route = useRouteStore((s) => s.route)
  const role = useSessionStore((s) => s.me?.role)
  // `#/` shows an agent the console: mark the section actually shown.
  const page = allowedRoute(route, role)?.page
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      {sections
        .filter((section) => roleCan(role, section.capability))
        .map((section) => {
          const isCurrent = page !== undefined && section.pages.includes(page)
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
