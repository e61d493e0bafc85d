import { Hono } from 'hono'
import {
  putSecretBodySchema,
  SecretNotFoundError,
  type SecretStore,
  secretNameSchema,
} from '../../security/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody } from '../read-body.ts'

const maxBodyBytes = 32 * 1024

/**
 * Named secrets for nodes (DESIGN §11). Values go in, never out: the list carries names and
 * descriptions only, and the audit log gets digests of those, not of the value.
 */
export function secretRoutes(store: SecretStore) {
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.get('/', async (c) => c.json({ secrets: await store.list() }))

  app.put('/:name', async (c) => {
    const name = parseOrThrow(secretNameSchema, c.req.param('name'))
    const body = await readJsonBody(c, putSecretBodySchema, maxBodyBytes)
    const before = await store.find(name)
    const { secret, isNew } = await store.put(name, body)
    c.set('audit', {
      action: isNew ? 'secret.create' : 'secret.update',
      target: `secret:${name}`,
      before: before ? { ...before } : undefined,
      after: { ...secret },
    })
    return c.json({ secret }, isNew ? 201 : 200)
  })

  app.delete('/:name', async (c) => {
    const name = c.req.param('name')
    const before = await store.find(name)
    if (before === undefined) throw new SecretNotFoundError(name)
    await store.delete(name)
    c.set('audit', { action: 'secret.delete', target: `secret:${name}`, before: { ...before } })
    return c.body(null, 204)
  })

  return app
}
