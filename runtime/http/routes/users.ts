import { Hono } from 'hono'
import { z } from 'zod'
import { roleSchema } from '../../../shared/index.ts'
import { type Accounts, passwordSchema } from '../../auth/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import type { AuthVariables } from '../auth.ts'
import { readJsonBody } from '../read-body.ts'

const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,49}$/, '2–50 letters, digits, dots, dashes or underscores')

export const createUserBodySchema = z.object({
  username: usernameSchema,
  email: z.email().max(200).optional(),
  displayName: z.string().trim().min(1).max(100).optional(),
  role: roleSchema,
  /** Leave out to get a one-time password back (shown once, changed at first sign-in). */
  password: passwordSchema.optional(),
})

export const updateUserBodySchema = z
  .object({
    email: z.email().max(200).nullable(),
    displayName: z.string().trim().min(1).max(100),
    role: roleSchema,
    isDisabled: z.boolean(),
  })
  .partial()

const maxBodyBytes = 8 * 1024

/** The users admin API (/api/users): admins only, by routeAccess. */
export function userRoutes(accounts: Accounts) {
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.get('/', async (c) => c.json({ users: await accounts.users.list() }))

  app.post('/', async (c) => {
    const body = await readJsonBody(c, createUserBodySchema, maxBodyBytes)
    const created = await accounts.createUser(body)
    // The response holds the one-time password: the audit row gets the user alone.
    c.set('audit', {
      action: 'user.create',
      target: `user:${created.user.id}`,
      after: created.user,
    })
    return c.json(created, 201)
  })

  app.get('/:id', async (c) => c.json(await accounts.users.get(c.req.param('id'))))

  app.put('/:id', async (c) => {
    const body = await readJsonBody(c, updateUserBodySchema, maxBodyBytes)
    const userId = c.req.param('id')
    const before = await accounts.users.get(userId)
    const after = await accounts.updateUser(userId, body, c.get('principal'))
    c.set('audit', { action: 'user.update', target: `user:${userId}`, before, after })
    return c.json(after)
  })

  app.post('/:id/password', async (c) => {
    const userId = c.req.param('id')
    const oneTimePassword = await accounts.resetPassword(userId)
    c.set('audit', { action: 'user.reset_password', target: `user:${userId}`, after: { userId } })
    return c.json({ oneTimePassword })
  })

  return app
}
