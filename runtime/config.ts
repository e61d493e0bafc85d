import { resolve } from 'node:path'
import { z } from 'zod'
import { defaultSensitiveProfileFields } from './security/index.ts'
import { createAddressPolicy } from './services/http/index.ts'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** 127.0.0.1 by default: opening Switchboard to a network is a deliberate choice. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  SWITCHBOARD_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  /** Password of the `admin` user made at first start; else a one-time password is printed. */
  SWITCHBOARD_ADMIN_PASSWORD: z.string().min(10, 'use at least 10 characters').optional(),
  /** A signed-in session ends this many hours after sign-in… */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  /** …or this many minutes after its last request, whichever comes first. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60 * 30)
    .default(120),
  CUSTOM_NODES_DIR: z.string().min(1).optional(),
  /** Load and publish examples/flows at first start (set to "false" to start empty). */
  LOAD_EXAMPLES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Lease on a conversation during a turn; after a crash the conversation frees this late. */
  TURN_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** An active conversation silent this long is closed as abandoned (analytics idle sweeper). */
  IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  LOG_LEVEL: z.enum(['info', 'silent']).default('info'),
  /** 32 bytes (hex or base64) sealing stored secrets; else DATA_DIR/master-key is made. */
  SWITCHBOARD_MASTER_KEY: z.string().min(1).optional(),
  /** The master key before a rotation: still opens what it sealed, never seals (docs/security.md). */
  SWITCHBOARD_PREVIOUS_MASTER_KEY: z.string().min(1).optional(),
  /** PEM certificate and private key files: serve HTTPS directly; else run behind a TLS proxy. */
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  /** Behind a TLS proxy you run: trust X-Forwarded-For (client address) and X-Forwarded-Proto. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Failed sign-in attempts per client address per minute (429 with Retry-After beyond). */
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Conversation API calls per API key (cookie sessions: per client address) per minute. */
  RATE_LIMIT_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000),
  /** Customer profile fields stored encrypted (besides any value that looks like personal data). */
  SENSITIVE_PROFILE_FIELDS: z.string().default(defaultSensitiveProfileFields.join(',')),
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
  adminPassword: string | undefined
  sessionTimes: { absoluteMs: number; idleMs: number }
  customNodesDir: string | undefined
  isLoadingExamples: boolean
  isSilent: boolean
  turnLeaseMs: number
  /** IDLE_TIMEOUT_MINUTES in ms. */
  idleTimeoutMs: number
  /** SWITCHBOARD_MASTER_KEY; undefined means the key file in dataDir. */
  masterKey: string | undefined
  /** SWITCHBOARD_PREVIOUS_MASTER_KEY. */
  previousMasterKey: string | undefined
  /** TLS_CERT/TLS_KEY file paths; undefined serves plain HTTP. */
  tls: { certFile: string; keyFile: string } | undefined
  trustProxy: boolean
  rateLimits: { signInPerMinute: number; conversationsPerMinute: number }
  sensitiveProfileFields: string[]
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
    adminPassword: e.SWITCHBOARD_ADMIN_PASSWORD,
    sessionTimes: {
      absoluteMs: e.SESSION_TTL_HOURS * 60 * 60 * 1000,
      idleMs: e.SESSION_IDLE_MINUTES * 60 * 1000,
    },
    customNodesDir: e.CUSTOM_NODES_DIR ? resolve(e.CUSTOM_NODES_DIR) : undefined,
    isLoadingExamples: e.LOAD_EXAMPLES,
    isSilent: e.LOG_LEVEL === 'silent',
    turnLeaseMs: e.TURN_LEASE_MS,
    idleTimeoutMs: e.IDLE_TIMEOUT_MINUTES * 60 * 1000,
    masterKey: e.SWITCHBOARD_MASTER_KEY,
    previousMasterKey: e.SWITCHBOARD_PREVIOUS_MASTER_KEY,
    tls: tlsFiles(e.TLS_CERT, e.TLS_KEY),
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      signInPerMinute: e.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      conversationsPerMinute: e.RATE_LIMIT_CONVERSATIONS_PER_MINUTE,
    },
    sensitiveProfileFields: splitList(e.SENSITIVE_PROFILE_FIELDS),
    httpAllowList: {
      hosts: splitList(e.HTTP_ALLOWED_HOSTS),
      cidrs: splitList(e.HTTP_ALLOWED_CIDRS),
    },
  }
}

function tlsFiles(
  cert: string | undefined,
  key: string | undefined,
): { certFile: string; keyFile: string } | undefined {
  if (cert === undefined && key === undefined) return undefined
  if (cert === undefined || key === undefined) {
    throw new Error('Invalid environment:\n  TLS_CERT and TLS_KEY: set both, or neither')
  }
  return { certFile: resolve(cert), keyFile: resolve(key) }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
