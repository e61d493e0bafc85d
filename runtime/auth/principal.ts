import type { Role } from '../../shared/index.ts'

/** Who is calling: set by the auth middleware as `c.get('principal')` on every /api request. */
export interface Principal {
  kind: 'user' | 'admin_token' | 'api_key'
  id: string
  name: string
  /** An API key's role is never used for access: keys pass only rules that list 'api_key'. */
  role: Role
  /** API keys only: the flows the key may talk to. */
  flowIds?: string[]
  /** Users with a one-time password may only change it (and read `me`, sign out). */
  mustChangePassword?: boolean
}

export const adminTokenPrincipal: Principal = {
  kind: 'admin_token',
  id: 'admin-token',
  name: 'Admin API token',
  role: 'admin',
}
