import { useEffect } from 'react'
import { FlowEditorPage } from '../flow-editor-page.tsx'
import { FlowListPage } from '../flows/flow-list-page.tsx'
import { useLocaleStore } from '../i18n.ts'
import { useRouteStore } from './route-store.ts'
import { useSessionStore } from './session-store.ts'
import { TokenForm } from './token-form.tsx'
import { TopBar } from './top-bar.tsx'

/** Token first; then the flow list or, for `#/flows/<id>`, the editor. */
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
          <FlowListPage />
        </>
      )}
    </div>
  )
}
