import { Hono } from 'hono'
import { z } from 'zod'
import { flowIdSchema } from '../../../shared/index.ts'
import type { Accounts } from '../../auth/index.ts'
import type { FlowStore } from '../../storage/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import type { AuthVariables } from '../auth.ts'
import { readJsonBody } from '../read-body.ts'

export const createApiKeyBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** The flows the key may start conversations for (and read conversations of). */
  flowIds: z.array(flowIdSchema).min(1).max(100),
})

/** API keys for channels and integrations (/api/api-keys): admins only, by routeAccess. */
export function apiKeyRoutes(accounts: Accounts, flows: FlowStore) {
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.get('/', async (c) => c.json({ apiKeys: await accounts.apiKeys.list() }))

  app.post('/', async (c) => {
    const body = await readJsonBody(c, createApiKeyBodySchema, 16 * 1024)
    // Each flow must exist now (404 flow_not_found); a flow deleted later just stops answering.
    for (const flowId of body.flowIds) await flows.get(flowId)
    const principal = c.get('principal')
    const created = await accounts.apiKeys.create({ ...body, createdBy: principal.name })
    // The response holds the key itself: the audit row gets the key's record alone.
    const { apiKey } = created
    c.set('audit', { action: 'api_key.create', target: `api_key:${apiKey.id}`, after: apiKey })
    return c.json(created, 201)
  })

  app.delete('/:id', async (c) => {
    const apiKey = await accounts.apiKeys.revoke(c.req.param('id'))
    c.set('audit', { action: 'api_key.revoke', target: `api_key:${apiKey.id}`, after: apiKey })
    return c.json(apiKey)
  })

  return app
}
