import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { NodeRegistry } from '../shared/index.ts'
import { ensureAdminToken } from './admin-token.ts'
import type { Config } from './config.ts'
import { Engine } from './engine/index.ts'
import { createApp } from './http/app.ts'
import { createLogger, type Logger } from './logger.ts'
import { loadNodeRegistry } from './node-registry.ts'
import { findProjectRoot } from './project-root.ts'
import { seedExampleFlows } from './seed-examples.ts'
import { createLlmService, loadProvidersFromEnv } from './services/llm/index.ts'
import { createNodeServices } from './services/node-services.ts'
import { ConversationStore, FlowStore, openDatabase } from './storage/index.ts'

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
  if (config.isLoadingExamples) {
    const seeded = await seedExampleFlows({
      flows,
      registry,
      examplesDir: join(projectRoot, 'examples', 'flows'),
      log,
    })
    if (seeded.length > 0) log.info('example flows loaded and published', { flows: seeded })
  }
  const providers = loadProvidersFromEnv(env)
  const llm = createLlmService({ providers })
  const engine = new Engine({
    flows,
    conversations,
    registry,
    services: createNodeServices({ llm }),
    leaseMs: config.turnLeaseMs,
  })
  const version = packageVersion()
  const app = createApp({
    flows,
    conversations,
    engine,
    registry,
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
    llm: providers.length > 0 ? providers.map((p) => p.name) : 'offline provider',
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
