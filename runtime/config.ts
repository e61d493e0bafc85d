import { resolve } from 'node:path'
import { z } from 'zod'
import { createAddressPolicy } from './services/http/index.ts'

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
  /** 32 bytes (hex or base64) sealing stored secrets; else DATA_DIR/master-key is made. */
  SWITCHBOARD_MASTER_KEY: z.string().min(1).optional(),
  /** Host names the http node may reach although they resolve to private addresses. */
  HTTP_ALLOWED_HOSTS: z.string().default(''),
  /** Private addresses or ranges the http node may reach, e.g. `10.1.0.0/16,127.0.0.1`. */
  HTTP_ALLOWED_CIDRS: z
    .string()
    .default('')
    .superRefine((value, check) => {
      try {
        createAddressPolicy({ cidrs: splitList(value) })
      } catch (error) {
        check.addIssue({
          code: 'custom',
          message: error instanceof Error ? error.message : String(error),
        })
      }
    }),
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
  /** SWITCHBOARD_MASTER_KEY; undefined means the key file in dataDir. */
  masterKey: string | undefined
  /** The SSRF guard's allow-list for outbound requests from nodes. */
  httpAllowList: { hosts: string[]; cidrs: string[] }
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
    masterKey: e.SWITCHBOARD_MASTER_KEY,
    httpAllowList: {
      hosts: splitList(e.HTTP_ALLOWED_HOSTS),
      cidrs: splitList(e.HTTP_ALLOWED_CIDRS),
    },
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
