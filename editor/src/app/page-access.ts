import type { Role } from '../../../shared/index.ts'
import type { Route } from './route-store.ts'
import { type Capability, roleCan } from './session-store.ts'

/** What a role needs to see a page; the top bar hides the same sections. */
export const pageCapability = {
  flows: 'flows.view',
  editor: 'flows.view',
  knowledge: 'knowledge.view',
  'knowledge-base': 'knowledge.view',
  experiments: 'experiments.view',
  experiment: 'experiments.view',
  analytics: 'analytics.view',
  console: 'console.use',
  settings: 'settings.view',
  users: 'users.manage',
  audit: 'users.manage',
} as const satisfies Record<Route['page'], Capability>

/** Where `#/` leads: the flow list, or the agent console for a role that has no flows. */
const homePages = ['flows', 'console'] as const

/**
 * The page to show for a route: itself when the role may see it; for the start page of a role
 * without it (an agent), that role's home; otherwise undefined (the page says "no access").
 */
export function allowedRoute(route: Route, role: Role | undefined): Route | undefined {
  if (roleCan(role, pageCapability[route.page])) return route
  if (route.page !== 'flows') return undefined
  const home = homePages.find((page) => roleCan(role, pageCapability[page]))
  return home ? { page: home } : undefined
}
