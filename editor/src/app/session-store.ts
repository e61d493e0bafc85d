import { z } from 'zod'
import { create } from 'zustand'
import { type Me, meSchema, type Role } from '../../../shared/index.ts'
import { readError } from '../api-client.ts'

type Status = 'checking' | 'signed-out' | 'signed-in'

interface SessionState {
  status: Status
  me: Me | undefined
  /** Sent as X-CSRF-Token on every write; the session itself is an HttpOnly cookie. */
  csrfToken: string
  /** True when the server ended the session (expired, disabled): the sign-in page says so. */
  hasExpired: boolean
  /** Asks the server who we are (at start, and after sign-in or a password change). */
  check(): Promise<void>
  signIn(login: string, password: string): Promise<void>
  signOut(): Promise<void>
  /** An API call answered 401: the session is gone. */
  expire(): void
}

const safeMethods = new Set(['GET', 'HEAD'])

/** The headers a request needs besides the cookie the browser sends by itself. */
export function sessionHeaders(method: string): Record<string, string> {
  const { csrfToken } = useSessionStore.getState()
  return safeMethods.has(method.toUpperCase()) || !csrfToken ? {} : { 'x-csrf-token': csrfToken }
}

async function postJson(path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: {
      ...sessionHeaders('POST'),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** Who is signed in. The cookie is HttpOnly: only the server can tell (/api/auth/session). */
export const useSessionStore = create<SessionState>((set, get) => ({
  status: 'checking',
  me: undefined,
  csrfToken: '',
  hasExpired: false,
  async check() {
    const response = await fetch('/api/auth/session').catch(() => undefined)
    const body: unknown = response?.ok ? await response.json() : undefined
    const parsed = z.object({ me: meSchema }).safeParse(body)
    if (parsed.success) {
      const { me } = parsed.data
      set({ status: 'signed-in', me, csrfToken: me.csrfToken ?? '' })
    } else {
      set({ status: 'signed-out', me: undefined, csrfToken: '' })
    }
  },
  async signIn(login, password) {
    const response = await postJson('/api/auth/sign-in', { login, password })
    if (!response.ok) {
      throw readError(response.status, await response.json().catch(() => undefined), '')
    }
    set({ hasExpired: false })
    await get().check()
  },
  async signOut() {
    await postJson('/api/auth/sign-out').catch(() => undefined)
    set({ status: 'signed-out', me: undefined, csrfToken: '', hasExpired: false })
  },
  expire() {
    if (get().status === 'signed-in') {
      set({ status: 'signed-out', me: undefined, csrfToken: '', hasExpired: true })
    }
  },
}))

/** What a role sees in the editor. The server enforces the same (runtime/http/access.ts). */
const capabilities = {
  'flows.view': ['admin', 'designer', 'analyst'],
  'flows.edit': ['admin', 'designer'],
  'knowledge.view': ['admin', 'designer', 'analyst'],
  'knowledge.edit': ['admin', 'designer'],
  'settings.view': ['admin', 'designer'],
  'console.use': ['admin', 'agent'],
  'settings.edit': ['admin'],
  'users.manage': ['admin'],
  'experiments.view': ['admin', 'designer', 'analyst'],
  'experiments.run': ['admin', 'designer'],
  'analytics.view': ['admin', 'designer', 'analyst'],
  'analytics.prices': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof capabilities

export function roleCan(role: Role | undefined, capability: Capability): boolean {
  return role !== undefined && (capabilities[capability] as readonly Role[]).includes(role)
}

/** `useCan('flows.edit')`: whether to show a button. */
export function useCan(capability: Capability): boolean {
  return useSessionStore((s) => roleCan(s.me?.role, capability))
}
