import { create } from 'zustand'

export type Route = { page: 'flows' } | { page: 'editor'; flowId: string }

/** `#/flows/<id>` opens the editor; anything else is the flow list. */
export function parseRoute(hash: string): Route {
  const match = /^#\/flows\/([^/]+)$/.exec(hash)
  return match?.[1] ? { page: 'editor', flowId: decodeURIComponent(match[1]) } : { page: 'flows' }
}

export function routeHash(route: Route): string {
  return route.page === 'editor' ? `#/flows/${encodeURIComponent(route.flowId)}` : '#/'
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
