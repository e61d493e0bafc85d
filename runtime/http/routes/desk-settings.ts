import { Hono } from 'hono'
import {
  cannedResponseBodySchema,
  queueNameSchema,
  queueSettingsSchema,
} from '../../../shared/index.ts'
import type { HandoffDesk } from '../../handoff/index.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody } from '../read-body.ts'

export { cannedResponseBodySchema, queueSettingsSchema }

const bodyLimit = 256 * 1024

/** Queue settings (business hours, holidays) under /api/queues. */
export function queueRoutes(desk: HandoffDesk) {
  const { settings } = desk.context
  const app = new Hono<{ Variables: AuthVariables }>()
  app.get('/', (c) => c.json({ queues: settings.listQueues() }))
  app.put('/:name', async (c) => {
    const name = parseOrThrow(queueNameSchema, c.req.param('name'))
    const body = await readJsonBody(c, queueSettingsSchema, bodyLimit)
    const queue = settings.putQueue(name, body)
    desk.hub.queueChanged()
    return c.json(queue)
  })
  app.delete('/:name', (c) => {
    settings.deleteQueue(parseOrThrow(queueNameSchema, c.req.param('name')))
    return c.body(null, 204)
  })
  return app
}

/** Canned responses agents insert, under /api/canned-responses. */
export function cannedResponseRoutes(desk: HandoffDesk) {
  const { settings } = desk.context
  const app = new Hono<{ Variables: AuthVariables }>()
  app.post('/', async (c) => {
    const body = await readJsonBody(c, cannedResponseBodySchema, bodyLimit)
    return c.json(settings.putCanned(undefined, body), 201)
  })
  app.put('/:id', async (c) => {
    const body = await readJsonBody(c, cannedResponseBodySchema, bodyLimit)
    return c.json(settings.putCanned(c.req.param('id'), body))
  })
  app.delete('/:id', (c) => {
    settings.deleteCanned(c.req.param('id'))
    return c.body(null, 204)
  })
  return app
}
