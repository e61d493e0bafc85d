import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { NodeRegistry } from '../shared/index.ts'
import { ensureAdminToken } from './admin-token.ts'
import { createSentimentAnalyzer } from './analyzers/sentiment-analyzer.ts'
import { createCompliance } from './compliance/index.ts'
import type { Config } from './config.ts'
import { Engine } from './engine/index.ts'
import { createApp } from './http/app.ts'
import { createKnowledge, embedderFromProviders } from './knowledge/index.ts'
import { createLogger, type Logger } from './logger.ts'
import { loadNodeRegistry } from './node-registry.ts'
import { findProjectRoot } from './project-root.ts'
import { ProviderSettings, ProviderStore } from './providers/index.ts'
import { createSecretBox } from './security/index.ts'
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
  const flows = new FlowStore(database)
  const conversations = new ConversationStore(database)
  const registry = await loadNodeRegistry(config.customNodesDir)
  const { token: adminToken, isNew } = ensureAdminToken(config.dataDir, config.adminToken)
  if (isNew) {
    // Printed once, on stdout, as soon as it exists, so that a start failing later cannot hide
    // it; it is never logged again.
    process.stdout.write(
      `\nAdmin API token (saved in ${join(config.dataDir, 'admin-token')}):\n  ${adminToken}\n\n`,
    )
  }
  const envProviders = loadProvidersFromEnv(env)
  const llm = new ReloadableLlmService({ providers: envProviders })
  const secrets = createSecretBox({ dataDir: config.dataDir, fromEnv: config.masterKey })
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
  const engine = new Engine({
    flows,
    conversations,
    registry,
    compliance: compliance.hook,
    analyzers: [createSentimentAnalyzer()],
    services: createNodeServices({
      llm,
      http: createHttpService({ policy: createAddressPolicy(config.httpAllowList) }),
      secrets: createEnvSecretResolver(env),
      kb: knowledge.service,
      compliance: compliance.service,
    }),
    leaseMs: config.turnLeaseMs,
  })
  const version = packageVersion()
  const app = createApp({
    flows,
    conversations,
    conversationEvents: new ConversationEventStore(database),
    engine,
    registry,
    providers,
    knowledge,
    compliance,
    adminToken,
    log,
    version,
    editorDir: join(projectRoot, 'dist', 'editor'),
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
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
        server.close(() => {
          database.close()
          resolve()
        })
      }),
  }
}
