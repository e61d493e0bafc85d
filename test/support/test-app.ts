import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { builtinNodeTypes } from '../../nodes/index.ts'
import { AuditLog, auditChainKeys } from '../../runtime/audit/index.ts'
import { createAccounts, csrfTokenFor } from '../../runtime/auth/index.ts'
import { createCompliance } from '../../runtime/compliance/index.ts'
import {
  type ComplianceHook,
  Engine,
  type InboundAnalyzer,
  passThroughCompliance,
} from '../../runtime/engine/index.ts'
import { createExperiments } from '../../runtime/experiments/index.ts'
import {
  createAgentMasking,
  HandoffDesk,
  type HandoffDeskOptions,
} from '../../runtime/handoff/index.ts'
import { type AppOptions, createApp } from '../../runtime/http/app.ts'
import { createKnowledge, type Embedder } from '../../runtime/knowledge/index.ts'
import { createLogger } from '../../runtime/logger.ts'
import { ProviderSettings, ProviderStore } from '../../runtime/providers/index.ts'
import {
  createProfileSealer,
  createStoredSecretResolver,
  defaultSensitiveProfileFields,
  SecretBox,
  SecretStore,
} from '../../runtime/security/index.ts'
import { createEnvSecretResolver } from '../../runtime/services/env-secrets.ts'
import { type ProviderConfig, ReloadableLlmService } from '../../runtime/services/llm/index.ts'
import { createNodeServices } from '../../runtime/services/node-services.ts'
import {
  ConversationEventStore,
  ConversationStore,
  FlowStore,
} from '../../runtime/storage/index.ts'
import {
  type AnyNodeType,
  type Clock,
  defineNode,
  type FlowInput,
  type HttpService,
  type LlmService,
  type NodeRegistry,
  type Role,
  type SecretResolver,
} from '../../shared/index.ts'
import { openTestDatabase } from './test-database.ts'

export const testToken = 'test-admin-token-0123456789'

/** argon2id at its cheapest: tests make many users; production uses defaultPasswordHashing. */
export const testPasswordHashing = { memoryCost: 1024, timeCost: 1 }

/** The password of every user `signInAs` / `requestAs` makes. */
export const testUserPassword = 'correct-horse-battery'

export type RequestFn = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>

/** Node types only tests use: they fail, loop and stream on purpose. */
export const testNodeTypes: AnyNodeType[] = [
  defineNode({
    type: 'test-throw',
    version: 1,
    category: 'logic',
    titles: { 'zh-CN': '测试：抛错', en: 'Test: throw' },
    config: z.object({ emitFirst: z.string().default(''), setFirst: z.string().default('') }),
    outputs: () => ['next', 'error'],
    run(ctx, config) {
      if (config.emitFirst) ctx.emit({ text: config.emitFirst })
      if (config.setFirst) ctx.setVariable(config.setFirst, 'written by a failing step')
      throw new Error('the CRM is down')
    },
  }),
  defineNode({
    type: 'test-stream',
    version: 1,
    category: 'basic',
    titles: { 'zh-CN': '测试：流式', en: 'Test: stream' },
    config: z.object({ chunks: z.array(z.string()).default([]) }),
    outputs: () => ['next', 'error'],
    async run(ctx, config) {
      async function* source() {
        for (const chunk of config.chunks) yield chunk
      }
      const shown = await ctx.emitStream(source())
      return { port: 'next', output: { shown } }
    },
  }),
  defineNode({
    type: 'test-count',
    version: 1,
    category: 'logic',
    titles: { 'zh-CN': '测试：计数', en: 'Test: count' },
    config: z.object({}),
    outputs: () => ['next'],
    run(ctx) {
      const runs = typeof ctx.scope.vars.runs === 'number' ? ctx.scope.vars.runs : 0
      ctx.setVariable('runs', runs + 1)
      return { port: 'next' }
    },
  }),
  defineNode({
    type: 'test-llm',
    version: 1,
    category: 'knowledge',
    titles: { 'zh-CN': '测试：调用模型', en: 'Test: call the model' },
    config: z.object({}),
    outputs: () => ['next', 'error'],
    async run(ctx) {
      const messages = [
        { role: 'system' as const, content: '退货政策：七天无理由退货。质量问题免运费。' },
        { role: 'user' as const, content: '退货要运费吗' },
      ]
      const answer = await ctx.llm.chat({ messages })
      await ctx.emitStream(ctx.llm.chatStream({ messages }))
      return { port: 'next', output: { answer: answer.text } }
    },
  }),
  defineNode({
    type: 'test-prepared',
    version: 1,
    category: 'understand',
    titles: { 'zh-CN': '测试：发布时准备', en: 'Test: prepared at publish' },
    config: z.object({ words: z.array(z.string()).default([]) }),
    outputs: () => ['next', 'error'],
    prepare(config) {
      if (config.words.includes('坏')) throw new Error('cannot learn from 坏')
      return { vocabulary: [...config.words].sort() }
    },
    load: (prepared) => ({ loadedAt: 'compile', prepared }),
    run(ctx) {
      ctx.emit({ text: JSON.stringify(ctx.prepared) })
      return { port: 'next' }
    },
  }),
  defineNode({
    type: 'test-bad-port',
    version: 1,
    category: 'logic',
    titles: { 'zh-CN': '测试：错误端口', en: 'Test: bad port' },
    config: z.object({}),
    outputs: () => ['next', 'error'],
    run: () => ({ port: 'nowhere' }),
  }),
  defineNode({
    type: 'test-slow',
    version: 1,
    category: 'logic',
    titles: { 'zh-CN': '测试：慢节点', en: 'Test: slow' },
    config: z.object({ ticks: z.number().int().default(5) }),
    outputs: () => ['next'],
    async run(_ctx, config) {
      // Yields to the event loop so that turns run in parallel would interleave here.
      for (let i = 0; i < config.ticks; i++) await new Promise((resolve) => setImmediate(resolve))
      return { port: 'next' }
    },
  }),
]

export function testRegistry(extra: AnyNodeType[] = []): NodeRegistry {
  return new Map([...builtinNodeTypes, ...testNodeTypes, ...extra].map((t) => [t.type, t]))
}

export interface TestAppOptions {
  compliance?: ComplianceHook
  /**
   * Apply the real compliance policies to bot messages (runtime/compliance). By default tests
   * see their texts as written (pass-through); policies, events and the publish gate always work.
   */
  isComplianceEnforced?: boolean
  clock?: Clock
  llm?: LlmService
  extraNodeTypes?: AnyNodeType[]
  analyzers?: InboundAnalyzer[]
  /** Providers as if set by LLM_BASE_URL …; saved ones come through /api/providers. */
  envProviders?: ProviderConfig[]
  /** Outbound HTTP for http nodes (e.g. with 127.0.0.1 allow-listed for a local target). */
  http?: HttpService
  secrets?: SecretResolver
  /** Embeddings for dense and hybrid knowledge search (e.g. against the OpenAI stub). */
  embedder?: Embedder
  /** Timer settings of the agent desk (presence timeout, place updates). */
  handoffDesk?: Omit<HandoffDeskOptions, 'database'>
  /** Proxy trust and rate limits for the app (runtime/http/apply-security.ts). */
  security?: AppOptions['security']
  /** Start from a copy of this database file (see `snapshotTestDatabase`) instead of empty. */
  databaseCopyOf?: string
  /** How often open streams re-check their caller's access (5 s in production). */
  accessRecheckMs?: number
}

/** The real app on a real SQLite file, with a fixed admin token. Call `close()` after. */
export function createTestApp(options: TestAppOptions = {}) {
  const db = openTestDatabase(options.databaseCopyOf)
  const flows = new FlowStore(db.database)
  const registry = testRegistry(options.extraNodeTypes)
  const envProviders = options.envProviders ?? []
  // Reloaded by /api/providers; the engine uses it unless a test passes its own llm.
  const reloadableLlm = new ReloadableLlmService({ providers: envProviders })
  // One master key for everything sealed: provider keys, named secrets, customer profiles.
  const masterKeys = [{ id: 1, key: randomBytes(32) }]
  const secretBox = new SecretBox(masterKeys)
  const secretStore = new SecretStore(db.database, secretBox)
  const conversations = new ConversationStore(
    db.database,
    createProfileSealer({ box: secretBox, sensitiveFields: defaultSensitiveProfileFields }),
  )
  const auditLog = new AuditLog(db.database, auditChainKeys(masterKeys, 1), options.clock?.now)
  const providers = new ProviderSettings({
    store: new ProviderStore(db.database, secretBox),
    envProviders,
    llm: reloadableLlm,
    log: createLogger({ isSilent: true }),
  })
  const compliance = createCompliance({
    database: db.database,
    llm: options.llm ?? reloadableLlm,
    ...(options.clock ? { now: options.clock.now } : {}),
  })
  const knowledge = createKnowledge({ database: db.database, embedder: options.embedder })
  // The agent desk (human handoff); `handoffDesk` tunes its timers for a test.
  const desk = new HandoffDesk({
    database: db.database,
    ...(options.clock ? { now: () => options.clock?.now() ?? Date.now() } : {}),
    ...options.handoffDesk,
  })
  const services = createNodeServices({
    handoff: desk.service,
    kb: knowledge.service,
    compliance: compliance.service,
    llm: options.llm ?? reloadableLlm,
    clock: options.clock,
    http: options.http,
    secrets:
      options.secrets ?? createStoredSecretResolver(secretStore, createEnvSecretResolver({})),
  })
  const experiments = createExperiments({
    database: db.database,
    flows,
    ...(options.clock ? { now: options.clock.now } : {}),
  })
  const engine = new Engine({
    flows,
    conversations,
    registry,
    services,
    compliance:
      options.compliance ??
      (options.isComplianceEnforced ? compliance.hook : passThroughCompliance),
    analyzers: options.analyzers,
    assignVariant: experiments.assignVariant,
    handoffQueue: desk.queueWriter,
    onTurnCommitted: desk.onTurnCommitted,
  })
  desk.bindEngine(engine)
  const conversationEvents = new ConversationEventStore(db.database)
  const accounts = createAccounts({
    database: db.database,
    hashing: testPasswordHashing,
    ...(options.clock ? { now: () => options.clock?.now() ?? Date.now() } : {}),
  })
  const app = createApp({
    flows,
    conversations,
    conversationEvents,
    compliance,
    engine,
    handoff: {
      desk,
      masking: createAgentMasking({
        flows,
        resolvePolicy: (id) => compliance.policies.resolve(id),
      }),
    },
    registry,
    providers,
    knowledge,
    experiments,
    analyticsDatabase: db.database,
    adminToken: testToken,
    accounts,
    secrets: secretStore,
    auditLog,
    ...(options.security ? { security: options.security } : {}),
    ...(options.accessRecheckMs ? { accessRecheckMs: options.accessRecheckMs } : {}),
    log: createLogger({ isSilent: true }),
    version: 'test',
  })
  /** A request with `auth` headers (bearer token, or cookie + CSRF token); a string body as is. */
  const requestWith =
    (auth: () => Promise<Record<string, string>>): RequestFn =>
    async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          ...(await auth()),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
  const request = requestWith(async () => ({ authorization: `Bearer ${testToken}` }))
  let userCount = 0
  /** A fresh, signed-in user of `role`: its session cookie and CSRF token, made at once. */
  const signInAs = async (role: Role) => {
    userCount += 1
    const { user } = await accounts.createUser({
      username: `${role}-${userCount}`,
      role,
      password: testUserPassword,
    })
    const { token } = accounts.sessions.create(user.id)
    const csrfToken = csrfTokenFor(token)
    const headers = { cookie: `sb_session=${token}`, 'x-csrf-token': csrfToken }
    return { user, token, csrfToken, headers }
  }
  /**
   * `request` as a fresh user of `role` (cookie session with its CSRF token), e.g.
   * `await t.requestAs('agent')('GET', '/api/flows')`. The user is made on the first call.
   */
  const requestAs = (role: Role): RequestFn => {
    let signedIn: ReturnType<typeof signInAs> | undefined
    return requestWith(async () => {
      signedIn ??= signInAs(role)
      return (await signedIn).headers
    })
  }
  /** `request` with a new API key for `flowIds` (made on the first call). */
  const requestWithApiKey = (flowIds: string[]): RequestFn => {
    let made: Promise<{ key: string }> | undefined
    return requestWith(async () => {
      made ??= accounts.apiKeys.create({ name: 'test key', flowIds, createdBy: 'test' })
      return { authorization: `Bearer ${(await made).key}` }
    })
  }
  /** Creates and publishes a flow; returns the version. */
  const publish = async (flow: FlowInput): Promise<number> => {
    const existing = await request('GET', `/api/flows/${flow.id}`)
    if (existing.status === 404) {
      const created = await request('POST', '/api/flows', flow)
      if (created.status !== 201) throw new Error(`create failed: ${await created.text()}`)
    } else {
      const { revision } = (await existing.json()) as { revision: number }
      const saved = await request('PUT', `/api/flows/${flow.id}`, { revision, flow })
      if (saved.status !== 200) throw new Error(`save failed: ${await saved.text()}`)
    }
    const published = await request('POST', `/api/flows/${flow.id}/publish`, {})
    if (published.status !== 201) throw new Error(`publish failed: ${await published.text()}`)
    return ((await published.json()) as { version: number }).version
  }
  return {
    app,
    engine,
    flows,
    conversations,
    conversationEvents,
    compliance,
    database: db.database,
    databaseFile: db.file,
    registry,
    providers,
    knowledge,
    experiments,
    accounts,
    desk,
    secretBox,
    secretStore,
    auditLog,
    request,
    requestAs,
    requestWithApiKey,
    signInAs,
    publish,
    close: () => db.remove(),
  }
}

export type TestApp = ReturnType<typeof createTestApp>
