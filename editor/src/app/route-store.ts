import { create } from 'zustand'

export type Route =
  | { page: 'flows' }
  | { page: 'editor'; flowId: string }
  | { page: 'knowledge' }
  | { page: 'knowledge-base'; knowledgeBaseId: string }
  | { page: 'settings' }

/**
 * `#/flows/<id>` opens the editor, `#/knowledge[/<id>]` the knowledge pages, `#/settings` the
 * settings; anything else is the flow list.
 */
export function parseRoute(hash: string): Route {
  const flow = /^#\/flows\/([^/]+)$/.exec(hash)
  if (flow?.[1]) return { page: 'editor', flowId: decodeURIComponent(flow[1]) }
  const base = /^#\/knowledge\/([^/]+)$/.exec(hash)
  if (base?.[1]) return { page: 'knowledge-base', knowledgeBaseId: decodeURIComponent(base[1]) }
  if (hash === '#/knowledge') return { page: 'knowledge' }
  if (hash === '#/settings') return { page: 'settings' }
  return { page: 'flows' }
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'editor':
      return `#/flows/${encodeURIComponent(route.flowId)}`
    case 'knowledge':
      return '#/knowledge'
    case 'knowledge-base':
      return `#/knowledge/${encodeURIComponent(route.knowledgeBaseId)}`
    case 'settings':
      return '#/settings'
    case 'flows':
      return '#/'
  }
}

interface RouteState {
  route: Route
  navigate(route: Route): void
}

export const useRouteStore = create<RouteState>((set) => ({
  route: typeof location === 'undefined' ? { page: 'flows' } : parseRoute(location.hash),
  navigate(route) {
    if (location.hash !== routeHash(route)) location.hash = routeHash(route)
    set({ route })
  },
}))

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    useRouteStore.setState({ route: parseRoute(location.hash) })
  })
}
