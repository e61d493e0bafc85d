import { useEffect } from 'react'
import { FlowEditorPage } from '../flow-editor-page.tsx'
import { FlowListPage } from '../flows/flow-list-page.tsx'
import { useLocaleStore } from '../i18n.ts'
import { KnowledgeBasePage } from '../knowledge/knowledge-base-page.tsx'
import { KnowledgeListPage } from '../knowledge/knowledge-list-page.tsx'
import { SettingsPage } from '../settings/settings-page.tsx'
import { type Route, useRouteStore } from './route-store.ts'
import { useSessionStore } from './session-store.ts'
import { TokenForm } from './token-form.tsx'
import { TopBar } from './top-bar.tsx'

/** Token first; then the page of the URL hash: flow list, editor, knowledge or settings. */
export function App() {
  const token = useSessionStore((s) => s.token)
  const route = useRouteStore((s) => s.route)
  const locale = useLocaleStore((s) => s.locale)

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  if (!token) {
    return (
      <div className="app">
        <TopBar />
        <TokenForm />
      </div>
    )
  }
  return (
    <div className="app">
      {route.page === 'editor' ? (
        <FlowEditorPage key={route.flowId} flowId={route.flowId} />
      ) : (
        <>
          <TopBar />
          <ShellPage route={route} />
        </>
      )}
    </div>
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
    default:
      return <FlowListPage />
  }
}
