import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { type NodeRegistry, RouteNotFoundError } from '../../shared/index.ts'
import type { AuditLog } from '../audit/index.ts'
import type { Accounts } from '../auth/index.ts'
import type { Compliance } from '../compliance/index.ts'
import type { Engine } from '../engine/index.ts'
import type { Experiments } from '../experiments/index.ts'
import { type AgentMasking, createAgentMasking, type HandoffDesk } from '../handoff/index.ts'
import type { Knowledge } from '../knowledge/index.ts'
import type { Logger } from '../logger.ts'
import type { ProviderSettings } from '../providers/index.ts'
import type { SecretStore } from '../security/index.ts'
import type {
  ConversationEventStore,
  ConversationStore,
  Database,
  FlowStore,
} from '../storage/index.ts'
import { applySecurity, type SecurityOptions } from './apply-security.ts'
import { type AuthVariables, authenticate } from './auth.ts'
import { onError } from './on-error.ts'
import { buildOpenApiDocument } from './openapi.ts'
import { agentConsoleRoutes } from './routes/agent-console.ts'
import { analyticsRoutes } from './routes/analytics.ts'
import { apiKeyRoutes } from './routes/api-keys.ts'
import { auditRoutes } from './routes/audit.ts'
import { authRoutes } from './routes/auth.ts'
import { complianceRoutes } from './routes/compliance.ts'
import { conversationEventRoutes } from './routes/conversation-events.ts'
import { conversationStreamRoutes } from './routes/conversation-stream.ts'
import { conversationRoutes } from './routes/conversations.ts'
import { cannedResponseRoutes, queueRoutes } from './routes/desk-settings.ts'
import { experimentRoutes, sampleSizeRoutes } from './routes/experiments.ts'
import { flowRoutes } from './routes/flows.ts'
import { knowledgeBaseRoutes } from './routes/knowledge-bases.ts'
import { nodeTypeRoutes } from './routes/node-types.ts'
import { providerRoutes } from './routes/providers.ts'
import { secretRoutes } from './routes/secrets.ts'
import { testConversationRoutes } from './routes/test-conversations.ts'
import { userRoutes } from './routes/users.ts'

export interface AppOptions {
  flows: FlowStore
  conversations: ConversationStore
  /** Compliance policies, events and the publish gate (/api/compliance); mounted only when given. */
  compliance?: Compliance
  /** CSAT answers and conversions (/api/conversations/:id/events); mounted only when given. */
  conversationEvents?: ConversationEventStore
  engine: Engine
  /** The agent desk (human handoff): /api/agent, /api/queues, the customer stream; when given. */
  handoff?: { desk: HandoffDesk; masking: AgentMasking }
  /** A/B experiments between flow versions (/api/experiments); mounted only when given. */
  experiments?: Experiments
  /** Dashboards, canvas overlay and exports read this database (/api/analytics); when given. */
  analyticsDatabase?: Database
  registry: NodeRegistry
  /** Workspace model providers (GET/POST /api/providers …). */
  providers: ProviderSettings
  /** Knowledge bases (/api/knowledge-bases); the routes exist only when given. */
  knowledge?: Knowledge
  /** Largest document upload; 50 MB by default. */
  maxUploadBytes?: number
  adminToken: string
  /** Users, sessions and API keys (runtime/auth). */
  accounts: Accounts
  log: Logger
  version: string
  /** The built editor (vite build output); the API works without it. */
  editorDir?: string
  maxFlowBytes?: number
  /** Named secrets for nodes (/api/secrets); mounted only when given. */
  secrets?: SecretStore
  /** The audit log: every change is appended; /api/audit reads it. Mounted only when given. */
  auditLog?: AuditLog
  /** TLS, proxy trust and rate limits (runtime/http/use-security.ts). */
  security?: Omit<SecurityOptions, 'maxBodyBytes'>
  /** How often open streams re-check that their caller still has access; 5 s by default. */
  accessRecheckMs?: number
}

/** The HTTP API and the editor on one Hono app (DESIGN §6). */
export function createApp(options: AppOptions) {
  const { log } = options
  const app = new Hono<{ Variables: AuthVariables }>()
  app.onError(onError(log))
  applySecurity(app, {
    ...options.security,
    // Uploads are the largest bodies; each route still holds its own, smaller limit.
    maxBodyBytes:
      Math.max(options.maxUploadBytes ?? 50 * 1024 * 1024, options.maxFlowBytes ?? 0) + 1024 * 1024,
    auditLog: options.auditLog,
    log,
  })

  app.get('/api/health', (c) => c.json({ status: 'ok', version: options.version }))
  app.use(
    '/api/*',
    authenticate({
      adminToken: options.adminToken,
      accounts: options.accounts,
      conversationFlowId: async (id) => (await options.conversations.get(id)).flowId,
      ...(options.accessRecheckMs ? { accessRecheckMs: options.accessRecheckMs } : {}),
    }),
  )
  app.route('/api/auth', authRoutes(options.accounts))
  app.route('/api/users', userRoutes(options.accounts))
  app.route('/api/api-keys', apiKeyRoutes(options.accounts, options.flows))
  app.get('/api/openapi.json', (c) => c.json(buildOpenApiDocument(options.version)))
  app.route('/api/node-types', nodeTypeRoutes(options.registry))
  app.route(
    '/api/flows',
    flowRoutes({
      flows: options.flows,
      registry: options.registry,
      maxFlowBytes: options.maxFlowBytes ?? 5 * 1024 * 1024,
      checkCompliance: options.compliance?.checkCompliance,
      onDeleted: options.experiments?.stopForFlow,
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
      masking: options.handoff?.masking ?? transcriptMasking(options),
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
  if (options.analyticsDatabase) {
    app.route(
      '/api/analytics',
      analyticsRoutes({ database: options.analyticsDatabase, flows: options.flows }),
    )
  }
  if (options.experiments) {
    app.route(
      '/api/experiments',
      experimentRoutes({ experiments: options.experiments, flows: options.flows }),
    )
    app.route('/api/statistics', sampleSizeRoutes())
  }
  if (options.secrets) app.route('/api/secrets', secretRoutes(options.secrets))
  if (options.auditLog) app.route('/api/audit', auditRoutes(options.auditLog))
  if (options.handoff) {
    const { desk, masking } = options.handoff
    const { conversations } = options
    app.route('/api/conversations', conversationStreamRoutes({ conversations, desk, masking }))
    app.route('/api/agent', agentConsoleRoutes({ desk, conversations, masking }))
    app.route('/api/queues', queueRoutes(desk))
    app.route('/api/canned-responses', cannedResponseRoutes(desk))
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

/** Transcripts and traces mask what the flow's compliance policy masks, with or without the desk. */
function transcriptMasking(options: AppOptions): AgentMasking {
  const policies = options.compliance?.policies
  return createAgentMasking({
    flows: options.flows,
    ...(policies ? { resolvePolicy: (id: string) => policies.resolve(id) } : {}),
  })
}
