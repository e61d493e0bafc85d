import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { type NodeRegistry, RouteNotFoundError } from '../../shared/index.ts'
import type { Compliance } from '../compliance/index.ts'
import type { Engine } from '../engine/index.ts'
import type { Knowledge } from '../knowledge/index.ts'
import type { Logger } from '../logger.ts'
import type { ProviderSettings } from '../providers/index.ts'
import type { ConversationEventStore, ConversationStore, FlowStore } from '../storage/index.ts'
import { type AuthVariables, requireBearer } from './auth.ts'
import { onError } from './on-error.ts'
import { buildOpenApiDocument } from './openapi.ts'
import { complianceRoutes } from './routes/compliance.ts'
import { conversationEventRoutes } from './routes/conversation-events.ts'
import { conversationRoutes } from './routes/conversations.ts'
import { flowRoutes } from './routes/flows.ts'
import { knowledgeBaseRoutes } from './routes/knowledge-bases.ts'
import { nodeTypeRoutes } from './routes/node-types.ts'
import { providerRoutes } from './routes/providers.ts'
import { testConversationRoutes } from './routes/test-conversations.ts'

export interface AppOptions {
  flows: FlowStore
  conversations: ConversationStore
  /** Compliance policies, events and the publish gate (/api/compliance); mounted only when given. */
  compliance?: Compliance
  /** CSAT answers and conversions (/api/conversations/:id/events); mounted only when given. */
  conversationEvents?: ConversationEventStore
  engine: Engine
  registry: NodeRegistry
  /** Workspace model providers (GET/POST /api/providers …). */
  providers: ProviderSettings
  /** Knowledge bases (/api/knowledge-bases); the routes exist only when given. */
  knowledge?: Knowledge
  /** Largest document upload; 50 MB by default. */
  maxUploadBytes?: number
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
      checkCompliance: options.compliance?.checkCompliance,
    }),
  )
  app.route(
    '/api/flows',
    testConversationRoutes({
      flows: options.flows,
      registry: options.registry,
      engine: options.engine,
      log,
    }),
  )
  app.route('/api/providers', providerRoutes(options.providers))
  app.route(
    '/api/conversations',
    conversationRoutes({
      engine: options.engine,
      conversations: options.conversations,
      log,
      complianceEvents: options.compliance?.events,
    }),
  )
  if (options.conversationEvents) {
    app.route(
      '/api/conversations',
      conversationEventRoutes({
        conversations: options.conversations,
        events: options.conversationEvents,
        now: Date.now,
      }),
    )
  }
  if (options.knowledge) {
    app.route(
      '/api/knowledge-bases',
      knowledgeBaseRoutes({
        knowledge: options.knowledge,
        maxUploadBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
      }),
    )
  }
  if (options.compliance) {
    const { policies, events } = options.compliance
    app.route('/api/compliance', complianceRoutes({ policies, events }))
  }
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
