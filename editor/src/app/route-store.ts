import { create } from 'zustand'

export type Route =
  | { page: 'flows' }
  | { page: 'editor'; flowId: string }
  | { page: 'knowledge' }
  | { page: 'knowledge-base'; knowledgeBaseId: string }
  | { page: 'settings' }
  | { page: 'console' }
  | { page: 'experiments' }
  | { page: 'experiment'; experimentId: string }
  | { page: 'users' }
  | { page: 'audit' }
  | { page: 'analytics'; flowId?: string }

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
  if (hash === '#/console') return { page: 'console' }
  const experiment = /^#\/experiments\/([^/]+)$/.exec(hash)
  if (experiment?.[1]) {
    return { page: 'experiment', experimentId: decodeURIComponent(experiment[1]) }
  }
  if (hash === '#/experiments') return { page: 'experiments' }
  if (hash === '#/users') return { page: 'users' }
  if (hash === '#/audit') return { page: 'audit' }
  const analytics = /^#\/analytics(?:\/([^/]+))?$/.exec(hash)
  if (analytics) {
    return analytics[1]
      ? { page: 'analytics', flowId: decodeURIComponent(analytics[1]) }
      : { page: 'analytics' }
  }
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
    case 'console':
      return '#/console'
    case 'experiments':
      return '#/experiments'
    case 'experiment':
      return `#/experiments/${encodeURIComponent(route.experimentId)}`
    case 'users':
      return '#/users'
    case 'audit':
      return '#/audit'
    case 'analytics':
      return route.flowId ? `#/analytics/${encodeURIComponent(route.flowId)}` : '#/analytics'
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
