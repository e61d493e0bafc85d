import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../storage/index.ts'
import { fingerprintOf, nextKeyFileName, previousKeyFileName } from './keyring.ts'
import { masterKeyFileName, parseMasterKey } from './secret-box.ts'
import { MasterKeyError } from './security-errors.ts'

export interface ReadMasterKeysOptions {
  database: Database
  dataDir: string
  /** SWITCHBOARD_MASTER_KEY. */
  fromEnv: string | undefined
  /** SWITCHBOARD_PREVIOUS_MASTER_KEY. */
  previousFromEnv?: string | undefined
}

/**
 * The master keys at hand, by the id this database knows them by, for checking (not writing):
 * unlike `openKeyring` it never creates a key file, registers a key or finishes a rotation, so
 * `npm run audit:verify` changes nothing. Throws MasterKeyError when there is no key at all or
 * the key is not one this database has used.
 */
export function readMasterKeys(options: ReadMasterKeysOptions): {
  currentKeyId: number
  keys: { id: number; key: Buffer }[]
} {
  const registered = options.database.sqlite
    .prepare('SELECT id, fingerprint, retired_at FROM master_keys ORDER BY id')
    .all() as { id: number; fingerprint: string; retired_at: string | null }[]
  const keyFile = join(options.dataDir, masterKeyFileName)
  const fromEnv = options.fromEnv?.trim() ? options.fromEnv : undefined
  const mainText = fromEnv ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : undefined)
  if (mainText === undefined) {
    throw new MasterKeyError(
      `This needs the master key: set SWITCHBOARD_MASTER_KEY or restore ${keyFile}. The audit log is signed with it, so it cannot be checked without it.`,
    )
  }
  const main = parseMasterKey(mainText)
  const mainId = registered.find((k) => k.fingerprint === fingerprintOf(main))?.id
  if (mainId === undefined && registered.length > 0) {
    throw new MasterKeyError(
      `${fromEnv ? 'SWITCHBOARD_MASTER_KEY' : keyFile} is not a master key this database has used (fingerprint ${fingerprintOf(main)}).`,
    )
  }
  // A database never started since master_keys existed: its first key gets id 1.
  const currentKeyId = mainId ?? 1
  const keys = [{ id: currentKeyId, key: main }]
  const others = [
    options.previousFromEnv?.trim() ? options.previousFromEnv : undefined,
    ...[previousKeyFileName, nextKeyFileName].map((name) => {
      const file = join(options.dataDir, name)
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined
    }),
  ]
  for (const text of others) {
    if (text === undefined) continue
    const key = parseMasterKey(text)
    const id = registered.find((k) => k.fingerprint === fingerprintOf(key))?.id
    if (id !== undefined && !keys.some((k) => k.id === id)) keys.push({ id, key })
  }
  return { currentKeyId, keys }
}
