import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { type NodeRegistry, RouteNotFoundError } from '../../shared/index.ts'
import type { Engine } from '../engine/index.ts'
import type { Logger } from '../logger.ts'
import type { ConversationStore, FlowStore } from '../storage/index.ts'
import { type AuthVariables, requireBearer } from './auth.ts'
import { onError } from './on-error.ts'
import { buildOpenApiDocument } from './openapi.ts'
import { conversationRoutes } from './routes/conversations.ts'
import { flowRoutes } from './routes/flows.ts'
import { nodeTypeRoutes } from './routes/node-types.ts'

export interface AppOptions {
  flows: FlowStore
  conversations: ConversationStore
  engine: Engine
  registry: NodeRegistry
  adminToken: string
  log: Logger
  version: string
  /** The built editor (vite build output); the API works without it. */
  editorDir?: string
  maxFlowBytes?: number
}

/** The HTTP API and the editor on one Hono app (DESIGN §6). */
export function createApp(options: AppOptions) {
  const { log } = options
  const app = new Hono<{ Variables: AuthVariables }>()
  app.onError(onError(log))

  app.get('/api/health', (c) => c.json({ status: 'ok', version: options.version }))
  app.use('/api/*', requireBearer(options.adminToken))
  app.get('/api/openapi.json', (c) => c.json(buildOpenApiDocument(options.version)))
  app.route('/api/node-types', nodeTypeRoutes(options.registry))
  app.route(
    '/api/flows',
    flowRoutes({
      flows: options.flows,
      registry: options.registry,
      maxFlowBytes: options.maxFlowBytes ?? 5 * 1024 * 1024,
    }),
  )
  app.route(
    '/api/conversations',
    conversationRoutes({ engine: options.engine, conversations: options.conversations, log }),
  )
  app.all('/api/*', (c) => {
    throw new RouteNotFoundError(c.req.method, c.req.path)
  })

  const editorDir = options.editorDir
  if (editorDir && existsSync(join(editorDir, 'index.html'))) {
    const indexHtml = readFileSync(join(editorDir, 'index.html'), 'utf8')
    app.use('/*', serveStatic({ root: editorDir }))
    // Client-side routes of the single-page editor all load index.html.
    app.get('*', (c) => c.html(indexHtml))
  } else {
    app.get('/', (c) =>
      c.text('Switchboard API is running. Build the editor with `npm run build` to use it here.'),
    )
  }
  app.notFound((c) => {
    throw new RouteNotFoundError(c.req.method, c.req.path)
  })
  return app
}

export type App = ReturnType<typeof createApp>
