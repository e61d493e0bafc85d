import { z } from 'zod'
import { flowIdSchema } from './flow-schema.ts'

/** DESIGN §11: admin (users, secrets, settings), designer (flows, knowledge, tests), agent
 * (console), analyst (read-only analytics and transcripts). */
export const roles = ['admin', 'designer', 'agent', 'analyst'] as const
export const roleSchema = z.enum(roles)
export type Role = z.infer<typeof roleSchema>

/** A user as the API shows it: never the password hash. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  role: roleSchema,
  mustChangePassword: z.boolean(),
  isDisabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type User = z.infer<typeof userSchema>

/** An API key as listed: the key itself is shown once, at creation, and never stored. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  keyPrefix: z.string(),
  scope: z.literal('conversations'),
  flowIds: z.array(flowIdSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type ApiKey = z.infer<typeof apiKeySchema>

/** GET /api/auth/me: who is calling, and for a signed-in browser the token for writes. */
export const meSchema = z.object({
  kind: z.enum(['user', 'admin_token', 'api_key']),
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  flowIds: z.array(z.string()).optional(),
  mustChangePassword: z.boolean().optional(),
  csrfToken: z.string().optional(),
})
export type Me = z.infer<typeof meSchema>
