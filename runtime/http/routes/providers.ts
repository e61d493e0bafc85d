import { Hono } from 'hono'
import {
  createProviderBodySchema,
  type ProviderSettings,
  testProviderQuerySchema,
  updateProviderBodySchema,
} from '../../providers/index.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody } from '../read-body.ts'

const maxBodyBytes = 64 * 1024

/**
 * Workspace model providers (issue #5). API keys go in, never out: responses carry
 * `hasApiKey` and a masked `apiKeyHint`.
 */
export function providerRoutes(settings: ProviderSettings) {
  const app = new Hono<{ Variables: AuthVariables }>()

  app.get('/', async (c) => c.json(await settings.list()))

  app.post('/', async (c) => {
    const body = await readJsonBody(c, createProviderBodySchema, maxBodyBytes)
    return c.json(await settings.create(body), 201)
  })

  app.get('/:name', async (c) => c.json(await settings.get(c.req.param('name'))))

  app.put('/:name', async (c) => {
    const body = await readJsonBody(c, updateProviderBodySchema, maxBodyBytes)
    return c.json(await settings.update(c.req.param('name'), body))
  })

  app.delete('/:name', async (c) => {
    await settings.delete(c.req.param('name'))
    return c.body(null, 204)
  })

  app.post('/:name/default', async (c) => c.json(await settings.setDefault(c.req.param('name'))))

  app.post('/:name/test', async (c) => {
    const options = parseOrThrow(testProviderQuerySchema, c.req.query())
    return c.json(await settings.test(c.req.param('name'), options))
  })

  return app
}
