import { createHmac } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../storage/index.ts'
import { loadMasterKey, masterKeyFileName, parseMasterKey, SecretBox } from './secret-box.ts'
import { MasterKeyError } from './security-errors.ts'

/** Written before a rotation re-seals anything, renamed over master-key once it committed. */
export const nextKeyFileName = `${masterKeyFileName}.next`
/** The key before the last rotation, kept so that a process still using it can be replaced. */
export const previousKeyFileName = `${masterKeyFileName}.previous`

interface RegisteredKey {
  id: number
  fingerprint: string
  retired_at: string | null
}

export interface KeyringOptions {
  database: Database
  dataDir: string
  /** SWITCHBOARD_MASTER_KEY. */
  fromEnv: string | undefined
  /** SWITCHBOARD_PREVIOUS_MASTER_KEY: still readable, never used to seal. */
  previousFromEnv?: string | undefined
  now?: () => number
}

export interface Keyring {
  box: SecretBox
  currentKeyId: number
  source: 'env' | 'file' | 'new-file'
  /** The keys loaded, by id, for a rotation to open what they sealed. */
  keys: { id: number; key: Buffer }[]
}

/**
 * Identifies a key without revealing it: an HMAC keyed with the key itself. Stored in
 * master_keys so a start can tell a wrong key before anything is written.
 */
export function fingerprintOf(key: Buffer): string {
  return createHmac('sha256', key)
    .update('switchboard master key fingerprint v1')
    .digest('hex')
    .slice(0, 16)
}

/**
 * Loads the master key and proves it is the one this database's secrets were sealed with. A
 * wrong key, or a missing key file while sealed secrets exist, stops the start with a
 * MasterKeyError before anything is written: no new key file, no re-sealing.
 */
export function openKeyring(options: KeyringOptions): Keyring {
  const { sqlite } = options.database
  const registered = sqlite
    .prepare('SELECT id, fingerprint, retired_at FROM master_keys ORDER BY id')
    .all() as RegisteredKey[]
  finishInterruptedRotation(options, registered)
  const hasSealed = registered.length > 0 || countSealed(options.database) > 0
  const envKey = options.fromEnv?.trim() ? options.fromEnv : undefined
  const keyFile = join(options.dataDir, masterKeyFileName)
  if (envKey === undefined && !existsSync(keyFile) && hasSealed) {
    throw new MasterKeyError(
      `The database holds encrypted secrets but ${keyFile} is missing and SWITCHBOARD_MASTER_KEY is not set. Restore the key file from your backup or set SWITCHBOARD_MASTER_KEY; nothing was changed.`,
    )
  }
  const loaded = loadMasterKey({ dataDir: options.dataDir, fromEnv: envKey })
  const fingerprint = fingerprintOf(loaded.key)
  const where = loaded.source === 'env' ? 'SWITCHBOARD_MASTER_KEY' : `the key file ${keyFile}`
  let currentKeyId: number
  const match = registered.find((k) => k.fingerprint === fingerprint)
  if (registered.length > 0) {
    const active = registered.filter((k) => k.retired_at === null).map((k) => k.fingerprint)
    if (match === undefined || match.retired_at !== null) {
      throw new MasterKeyError(
        `${where} is not the master key this database's secrets are sealed with (${match ? 'it was retired by a key rotation' : `fingerprint ${fingerprint}`}; expected ${active.join(' or ') || 'none'}). Set the right key and start again; nothing was changed.`,
      )
    }
    currentKeyId = match.id
  } else {
    // A database from before master_keys existed: its secrets carry key id 1.
    assertOpensLegacySecrets(options.database, loaded.key, where)
    currentKeyId = 1
    sqlite
      .prepare('INSERT INTO master_keys (id, fingerprint, created_at) VALUES (?, ?, ?)')
      .run(currentKeyId, fingerprint, new Date((options.now ?? Date.now)()).toISOString())
  }
  const keys = [{ id: currentKeyId, key: loaded.key }]
  for (const text of previousKeyTexts(options)) {
    const key = parseMasterKey(text)
    const known = registered.find((k) => k.fingerprint === fingerprintOf(key))
    if (known && known.id !== currentKeyId) keys.push({ id: known.id, key })
  }
  return { box: new SecretBox(keys), currentKeyId, source: loaded.source, keys }
}

function previousKeyTexts(options: KeyringOptions): string[] {
  const texts: string[] = []
  if (options.previousFromEnv?.trim()) texts.push(options.previousFromEnv)
  const file = join(options.dataDir, previousKeyFileName)
  if (existsSync(file)) texts.push(readFileSync(file, 'utf8'))
  return texts
}

/**
 * A rotation writes master-key.next, re-seals in one transaction, then renames the files. If it
 * stopped between commit and rename, the next key is registered: finish the renames. If it
 * stopped before the commit, the next key sealed nothing: drop it.
 */
function finishInterruptedRotation(options: KeyringOptions, registered: RegisteredKey[]): void {
  const nextFile = join(options.dataDir, nextKeyFileName)
  if (!existsSync(nextFile)) return
  const fingerprint = fingerprintOf(parseMasterKey(readFileSync(nextFile, 'utf8')))
  const isCommitted = registered.some((k) => k.fingerprint === fingerprint && k.retired_at === null)
  if (!isCommitted) {
    rmSync(nextFile)
    return
  }
  const keyFile = join(options.dataDir, masterKeyFileName)
  if (existsSync(keyFile)) renameSync(keyFile, join(options.dataDir, previousKeyFileName))
  renameSync(nextFile, keyFile)
}

/** Sealed values outside master_keys' time: provider API keys and named secrets. */
function countSealed(database: Database): number {
  const row = database.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM llm_providers WHERE api_key_sealed IS NOT NULL)
        + (SELECT count(*) FROM secrets) AS n`,
    )
    .get() as { n: number }
  return row.n
}

function assertOpensLegacySecrets(database: Database, key: Buffer, where: string): void {
  const sample = database.sqlite
    .prepare(
      'SELECT name, api_key_sealed AS sealed FROM llm_providers WHERE api_key_sealed IS NOT NULL LIMIT 1',
    )
    .get() as { name: string; sealed: string } | undefined
  if (sample === undefined) return
  try {
    new SecretBox([{ id: 1, key }]).open(sample.sealed, `provider:${sample.name}:apiKey`)
  } catch {
    throw new MasterKeyError(
      `${where} does not open the secrets stored in this database (provider "${sample.name}"). Set the master key they were sealed with and start again; nothing was changed.`,
    )
  }
}
