import { useEffect } from 'react'
import { AnalyticsPage } from '../analytics/analytics-page.tsx'
import { AuditPage } from '../audit/audit-page.tsx'
import { ConsolePage } from '../console/console-page.tsx'
import { ExperimentListPage } from '../experiments/experiment-list-page.tsx'
import { ExperimentPage } from '../experiments/experiment-page.tsx'
import { FlowEditorPage } from '../flow-editor-page.tsx'
import { FlowListPage } from '../flows/flow-list-page.tsx'
import { useLocaleStore, useT } from '../i18n.ts'
import { KnowledgeBasePage } from '../knowledge/knowledge-base-page.tsx'
import { KnowledgeListPage } from '../knowledge/knowledge-list-page.tsx'
import { SettingsPage } from '../settings/settings-page.tsx'
import { UsersPage } from '../users/users-page.tsx'
import { ChangePasswordForm } from './change-password-form.tsx'
import { allowedRoute } from './page-access.ts'
import { type Route, useRouteStore } from './route-store.ts'
import { useSessionStore } from './session-store.ts'
import { SignInPage } from './sign-in-page.tsx'
import { TopBar } from './top-bar.tsx'

/** Sign-in first; then the page of the URL hash: flow list, editor, knowledge or settings. */
export function App() {
  const status = useSessionStore((s) => s.status)
  const mustChangePassword = useSessionStore((s) => s.me?.mustChangePassword === true)
  const route = useRouteStore((s) => s.route)
  const role = useSessionStore((s) => s.me?.role)
  const locale = useLocaleStore((s) => s.locale)

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  useEffect(() => {
    void useSessionStore.getState().check()
  }, [])

  if (status === 'checking') return <div className="app" />
  if (status === 'signed-out' || mustChangePassword) {
    return (
      <div className="app">
        <TopBar />
        {status === 'signed-out' ? <SignInPage /> : <ChangePasswordForm />}
      </div>
    )
  }
  const shown = allowedRoute(route, role)
  return (
    <div className="app">
      {shown?.page === 'editor' ? (
        <FlowEditorPage key={shown.flowId} flowId={shown.flowId} />
      ) : (
        <>
          <TopBar />
          {shown ? <ShellPage route={shown} /> : <NoAccess />}
        </>
      )}
    </div>
  )
}

/** A page typed or bookmarked that the role may not see: say so instead of failing requests. */
function NoAccess() {
  const t = useT()
  return (
    <main className="page">
      <p role="alert" className="notice error">
        {t('app.noAccess')}
      </p>
      <a href="#/">{t('app.goHome')}</a>
    </main>
  )
}

/** The pages under the top bar (the editor has its own toolbar). */
function ShellPage(props: { route: Route }) {
  const { route } = props
  switch (route.page) {
    case 'knowledge':
      return <KnowledgeListPage />
    case 'knowledge-base':
      return (
        <KnowledgeBasePage key={route.knowledgeBaseId} knowledgeBaseId={route.knowledgeBaseId} />
      )
    case 'settings':
      return <SettingsPage />
    case 'console':
      return <ConsolePage />
    case 'experiments':
      return <ExperimentListPage />
    case 'experiment':
      return <ExperimentPage key={route.experimentId} experimentId={route.experimentId} />
    case 'users':
      return <UsersPage />
    case 'audit':
      return <AuditPage />
    case 'analytics':
      return <AnalyticsPage key={route.flowId ?? ''} flowId={route.flowId} />
    default:
      return <FlowListPage />
  }
}
