import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { NodeRegistry } from '../shared/index.ts'
import { ensureAdminToken } from './admin-token.ts'
import { startIdleSweeper } from './analytics/index.ts'
import { createSentimentAnalyzer } from './analyzers/sentiment-analyzer.ts'
import { AuditLog, auditChainKeys } from './audit/index.ts'
import { createAccounts } from './auth/index.ts'
import { createCompliance } from './compliance/index.ts'
import type { Config } from './config.ts'
import { Engine } from './engine/index.ts'
import { createExperiments } from './experiments/index.ts'
import {
  adminTokenNotice,
  removeSpentOneTimePassword,
  saveOneTimePassword,
} from './first-start-secrets.ts'
import { createAgentMasking, HandoffDesk, startDeskTimer } from './handoff/index.ts'
import { createApp } from './http/app.ts'
import { createKnowledge, embedderFromProviders } from './knowledge/index.ts'
import { createLogger, type Logger } from './logger.ts'
import { loadNodeRegistry } from './node-registry.ts'
import { findProjectRoot } from './project-root.ts'
import { ProviderSettings, ProviderStore } from './providers/index.ts'
import {
  createProfileSealer,
  createStoredSecretResolver,
  openKeyring,
  SecretStore,
} from './security/index.ts'
import { seedExampleFlows, seedExampleKnowledge } from './seed-examples.ts'
import { createEnvSecretResolver } from './services/env-secrets.ts'
import { createAddressPolicy, createHttpService } from './services/http/index.ts'
import { loadProvidersFromEnv, ReloadableLlmService } from './services/llm/index.ts'
import { createNodeServices } from './services/node-services.ts'
import {
  ConversationEventStore,
  ConversationStore,
  FlowStore,
  openDatabase,
} from './storage/index.ts'

const projectRoot = findProjectRoot()

export interface RunningServer {
  url: string
  adminToken: string
  registry: NodeRegistry
  close(): Promise<void>
}

function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'))
  return typeof pkg === 'object' &&
    pkg !== null &&
    'version' in pkg &&
    typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0'
}

/** Opens the database, loads node types and example flows, and serves the API and the editor. */
export async function startServer(
  config: Config,
  env: Record<string, string | undefined> = process.env,
  log: Logger = createLogger({ isSilent: config.isSilent }),
): Promise<RunningServer> {
  const database = openDatabase(config.databaseFile)
  // Before anything else writes: a wrong master key stops the start with nothing changed.
  let keyring: ReturnType<typeof openKeyring>
  try {
    keyring = openKeyring({
      database,
      dataDir: config.dataDir,
      fromEnv: config.masterKey,
      previousFromEnv: config.previousMasterKey,
    })
  } catch (error) {
    database.close()
    throw error
  }
  const secrets = keyring.box
  // Rows are signed with a key derived from the master key; a log from before that is sealed
  // under it now, at the first start after the upgrade.
  const auditLog = new AuditLog(database, auditChainKeys(keyring.keys, keyring.currentKeyId))
  auditLog.sealPlainChain()
  const secretStore = new SecretStore(database, secrets)
  const flows = new FlowStore(database)
  const conversations = new ConversationStore(
    database,
    createProfileSealer({ box: secrets, sensitiveFields: config.sensitiveProfileFields }),
  )
  const registry = await loadNodeRegistry(config.customNodesDir)
  const { token: adminToken, isNew } = ensureAdminToken(config.dataDir, config.adminToken)
  // Secrets are shown on stdout only when it is a terminal; a log gets the files they are in.
  const isTerminal = process.stdout.isTTY === true
  if (isNew) {
    // Announced once, as soon as it exists, so that a start failing later cannot hide it.
    process.stdout.write(
      adminTokenNotice({
        token: adminToken,
        file: join(config.dataDir, 'admin-token'),
        isTerminal,
      }),
    )
  }
  const accounts = createAccounts({ database, sessionTimes: config.sessionTimes })
  const firstAdmin = await accounts.ensureFirstAdmin(config.adminPassword)
  if (firstAdmin.password !== undefined) {
    // Like the token: announced once, never logged, and it must be changed at first sign-in.
    process.stdout.write(
      saveOneTimePassword({
        dataDir: config.dataDir,
        username: firstAdmin.username,
        password: firstAdmin.password,
        isTerminal,
      }),
    )
  } else {
    const admin = accounts.users.findForSignIn(firstAdmin.username)
    if (removeSpentOneTimePassword(config.dataDir, admin?.mustChangePassword === true)) {
      log.info("removed the first admin's one-time password file: the password was changed")
    }
  }
  const envProviders = loadProvidersFromEnv(env)
  const llm = new ReloadableLlmService({ providers: envProviders })
  const providers = new ProviderSettings({
    store: new ProviderStore(database, secrets),
    envProviders,
    llm,
    log,
  })
  await providers.apply()
  const knowledge = createKnowledge({
    database,
    embedder: embedderFromProviders(envProviders),
    log,
  })
  const resumed = await knowledge.ingestion.resume()
  if (resumed > 0) log.info('resuming unfinished document ingestion', { documents: resumed })
  if (config.isLoadingExamples) {
    const seeded = await seedExampleFlows({
      flows,
      registry,
      examplesDir: join(projectRoot, 'examples', 'flows'),
      log,
    })
    if (seeded.length > 0) {
      log.info('example flows loaded and published', { flows: seeded })
      // At first start only, like the flows, whose retrieve nodes use these knowledge bases.
      const bases = await seedExampleKnowledge({
        database,
        knowledge,
        examplesDir: join(projectRoot, 'examples', 'knowledge'),
        log,
      })
      if (bases.length > 0) log.info('example knowledge bases loaded', { knowledgeBases: bases })
    }
  }
  // Every bot message passes the flow's compliance policy (the general default when none).
  const compliance = createCompliance({ database, llm, log })
  const experiments = createExperiments({ database, flows, log })
  // The agent desk (human handoff): nodes queue through it, the console works it.
  const desk = new HandoffDesk({ database, log })
  const engine = new Engine({
    flows,
    conversations,
    registry,
    compliance: compliance.hook,
    analyzers: [createSentimentAnalyzer()],
    handoffQueue: desk.queueWriter,
    onTurnCommitted: desk.onTurnCommitted,
    services: createNodeServices({
      llm,
      http: createHttpService({ policy: createAddressPolicy(config.httpAllowList) }),
      secrets: createStoredSecretResolver(secretStore, createEnvSecretResolver(env)),
      kb: knowledge.service,
      compliance: compliance.service,
      handoff: desk.service,
    }),
    leaseMs: config.turnLeaseMs,
    assignVariant: experiments.assignVariant,
  })
  desk.bindEngine(engine)
  // Queue waits, place updates and silent agents are stored deadlines, swept every 5 s.
  const stopDeskTimer = startDeskTimer(desk, 5000, log)
  const version = packageVersion()
  const app = createApp({
    flows,
    conversations,
    conversationEvents: new ConversationEventStore(database),
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
    compliance,
    experiments,
    adminToken,
    accounts,
    log,
    version,
    editorDir: join(projectRoot, 'dist', 'editor'),
    analyticsDatabase: database,
    secrets: secretStore,
    auditLog,
    security: {
      isTls: config.tls !== undefined,
      trustProxy: config.trustProxy,
      signInLimit: {
        burst: config.rateLimits.signInPerMinute,
        perMinute: config.rateLimits.signInPerMinute,
      },
      conversationLimit: {
        burst: Math.max(10, Math.round(config.rateLimits.conversationsPerMinute / 5)),
        perMinute: config.rateLimits.conversationsPerMinute,
      },
    },
  })
  // Guardrails are also checked whenever results are read; this catches unwatched experiments.
  const stopGuardrailMonitor = experiments.startGuardrailMonitor()
  const idleSweeper = startIdleSweeper(database, { idleTimeoutMs: config.idleTimeoutMs, log })
  const server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    ...(config.tls
      ? {
          createServer: createHttpsServer,
          serverOptions: {
            cert: readFileSync(config.tls.certFile),
            key: readFileSync(config.tls.keyFile),
          },
        }
      : {}),
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const url = `${config.tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  log.info('Switchboard is listening', {
    url,
    dataDir: config.dataDir,
    llm: (await providers.list()).defaultProvider,
  })
  return {
    url,
    adminToken,
    registry,
    close: () =>
      new Promise<void>((resolve) => {
        idleSweeper.stop()
        stopDeskTimer()
        stopGuardrailMonitor()
        server.close(() => {
          database.close()
          resolve()
        })
      }),
  }
}
