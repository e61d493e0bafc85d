import { resolve } from 'node:path'
import { z } from 'zod'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** 127.0.0.1 by default: opening Switchboard to a network is a deliberate choice. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  SWITCHBOARD_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  CUSTOM_NODES_DIR: z.string().min(1).optional(),
  /** Load and publish examples/flows at first start (set to "false" to start empty). */
  LOAD_EXAMPLES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Lease on a conversation during a turn; after a crash the conversation frees this late. */
  TURN_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  LOG_LEVEL: z.enum(['info', 'silent']).default('info'),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseFile: string
  adminToken: string | undefined
  customNodesDir: string | undefined
  isLoadingExamples: boolean
  isSilent: boolean
  turnLeaseMs: number
}

/** Reads the environment once at start; a bad value stops the server with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const dataDir = resolve(e.DATA_DIR)
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: resolve(dataDir, 'switchboard.db'),
    adminToken: e.SWITCHBOARD_ADMIN_TOKEN,
    customNodesDir: e.CUSTOM_NODES_DIR ? resolve(e.CUSTOM_NODES_DIR) : undefined,
    isLoadingExamples: e.LOAD_EXAMPLES,
    isSilent: e.LOG_LEVEL === 'silent',
    turnLeaseMs: e.TURN_LEASE_MS,
  }
}
