import { randomBytes } from 'node:crypto'
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type AuditActor, AuditLog, auditChainKeys } from '../audit/index.ts'
import { apiKeyContext } from '../providers/index.ts'
import {
  conversationProfileContext,
  customerProfileContext,
  type Database,
} from '../storage/index.ts'
import {
  fingerprintOf,
  type KeyringOptions,
  nextKeyFileName,
  openKeyring,
  previousKeyFileName,
} from './keyring.ts'
import { createProfileSealer } from './profile-sealer.ts'
import { masterKeyFileName, parseMasterKey, SecretBox } from './secret-box.ts'
import { secretContext } from './secret-store.ts'
import { MasterKeyError } from './security-errors.ts'

export interface RotationResult {
  oldKeyId: number
  newKeyId: number
  newFingerprint: string
  /** Values re-sealed, by where they live. */
  resealed: { providerKeys: number; secrets: number; customers: number; conversations: number }
  /** The new key, only when it was generated here and the old one came from the environment. */
  newKeyText: string | undefined
  source: 'env' | 'file'
}

/**
 * Re-seals every secret under a new master key in one transaction (DESIGN §11). With the key
 * file, the new key is written to master-key.next first, so no crash can leave secrets sealed
 * under a key that exists nowhere; the old key stays as master-key.previous. With
 * SWITCHBOARD_MASTER_KEY, the new key comes from SWITCHBOARD_NEW_MASTER_KEY (or is generated
 * and printed) and the operator swaps the variables.
 */
export function rotateMasterKey(
  options: KeyringOptions & {
    newKeyText?: string | undefined
    /** Who rotates, for the audit row (the CLI passes the operating-system user). */
    actor?: AuditActor
  },
): RotationResult {
  const keyring = openKeyring(options)
  if (keyring.source === 'new-file') {
    throw new MasterKeyError('There is nothing to rotate: the master key was just created.')
  }
  const generated = options.newKeyText?.trim() ? undefined : randomBytes(32).toString('base64')
  const newKey = parseMasterKey(options.newKeyText?.trim() ? options.newKeyText : (generated ?? ''))
  const newFingerprint = fingerprintOf(newKey)
  const { sqlite } = options.database
  const registered = sqlite.prepare('SELECT id, fingerprint FROM master_keys').all() as {
    id: number
    fingerprint: string
  }[]
  if (registered.some((k) => k.fingerprint === newFingerprint)) {
    throw new MasterKeyError('The new master key was used before; rotate to a fresh key.')
  }
  const used = new Set(registered.map((k) => k.id))
  const newKeyId = [...Array(255).keys()].map((i) => i + 1).find((id) => !used.has(id))
  if (newKeyId === undefined) throw new MasterKeyError('All 255 key ids are used.')
  const nextFile = join(options.dataDir, nextKeyFileName)
  if (keyring.source === 'file') {
    if (existsSync(nextFile)) {
      throw new MasterKeyError(
        `${nextFile} exists: an earlier rotation was interrupted. Start the server once to finish or undo it, then rotate again.`,
      )
    }
    writeFileSync(nextFile, `${newKey.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  }
  const box = new SecretBox([{ id: newKeyId, key: newKey }, ...keyring.keys])
  const now = new Date((options.now ?? Date.now)()).toISOString()
  let resealed: RotationResult['resealed']
  try {
    resealed = options.database.transaction(() => {
      sqlite
        .prepare('INSERT INTO master_keys (id, fingerprint, created_at) VALUES (?, ?, ?)')
        .run(newKeyId, newFingerprint, now)
      sqlite
        .prepare('UPDATE master_keys SET retired_at = ? WHERE id != ? AND retired_at IS NULL')
        .run(now, newKeyId)
      const counts = resealEverything(options.database, box)
      // The rotation's audit row seals the log so far under the new key, in the same
      // transaction: once the old key is deleted, the new one still vouches for every row.
      const chainKeys = auditChainKeys([{ id: newKeyId, key: newKey }, ...keyring.keys], newKeyId)
      new AuditLog(options.database, chainKeys, options.now).appendSeal({
        actor: options.actor ?? { kind: 'cli', id: 'operator', name: 'operator', role: 'operator' },
        action: 'master_key.rotate',
        target: `master_key:${newKeyId}`,
        method: 'CLI',
        path: 'npm run rotate-key',
        params: { oldKeyId: String(keyring.currentKeyId), newKeyId: String(newKeyId) },
      })
      return counts
    })
  } catch (error) {
    if (keyring.source === 'file') rmSync(nextFile, { force: true })
    throw error
  }
  if (keyring.source === 'file') {
    renameSync(join(options.dataDir, masterKeyFileName), join(options.dataDir, previousKeyFileName))
    renameSync(nextFile, join(options.dataDir, masterKeyFileName))
  }
  return {
    oldKeyId: keyring.currentKeyId,
    newKeyId,
    newFingerprint,
    resealed,
    newKeyText: keyring.source === 'env' ? generated : undefined,
    source: keyring.source,
  }
}

/** Opens every sealed value with whichever key sealed it and seals it under the box's first. */
function resealEverything(database: Database, box: SecretBox): RotationResult['resealed'] {
  const { sqlite } = database
  const reseal = (sealed: string, context: string) => box.seal(box.open(sealed, context), context)
  const providers = sqlite
    .prepare(
      'SELECT name, api_key_sealed AS sealed FROM llm_providers WHERE api_key_sealed IS NOT NULL',
    )
    .all() as { name: string; sealed: string }[]
  const updateProvider = sqlite.prepare(
    'UPDATE llm_providers SET api_key_sealed = ? WHERE name = ?',
  )
  for (const p of providers) updateProvider.run(reseal(p.sealed, apiKeyContext(p.name)), p.name)

  const secrets = sqlite.prepare('SELECT name, value_sealed AS sealed FROM secrets').all() as {
    name: string
    sealed: string
  }[]
  const updateSecret = sqlite.prepare('UPDATE secrets SET value_sealed = ? WHERE name = ?')
  for (const s of secrets) updateSecret.run(reseal(s.sealed, secretContext(s.name)), s.name)

  // Profiles: open with any key, seal again only the fields that were sealed before.
  const opener = createProfileSealer({ box, sensitiveFields: [] })
  const resealProfile = (text: string, context: string): string | undefined => {
    const profile: unknown = JSON.parse(text)
    if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) return undefined
    let changed = false
    const next: Record<string, unknown> = {}
    for (const [field, value] of Object.entries(profile)) {
      if (typeof value === 'string' && value.startsWith('sb1.')) {
        const opened = opener.open({ [field]: value }, context)[field]
        if (opened !== value) {
          next[field] = box.seal(JSON.stringify(opened), `${context}:${field}`)
          changed = true
          continue
        }
      }
      next[field] = value
    }
    return changed ? JSON.stringify(next) : undefined
  }
  let customers = 0
  const updateCustomer = sqlite.prepare('UPDATE customers SET profile = ? WHERE id = ?')
  for (const row of sqlite
    .prepare("SELECT id, profile FROM customers WHERE profile LIKE '%sb1.%'")
    .all() as { id: string; profile: string }[]) {
    const next = resealProfile(row.profile, customerProfileContext(row.id))
    if (next !== undefined) {
      updateCustomer.run(next, row.id)
      customers++
    }
  }
  let conversations = 0
  const updateState = sqlite.prepare('UPDATE conversations SET state = ? WHERE id = ?')
  for (const row of sqlite
    .prepare("SELECT id, state FROM conversations WHERE state LIKE '%sb1.%'")
    .all() as { id: string; state: string }[]) {
    const state: unknown = JSON.parse(row.state)
    if (typeof state !== 'object' || state === null || !('user' in state)) continue
    const user = resealProfile(JSON.stringify(state.user), conversationProfileContext(row.id))
    if (user === undefined) continue
    updateState.run(JSON.stringify({ ...state, user: JSON.parse(user) }), row.id)
    conversations++
  }
  return { providerKeys: providers.length, secrets: secrets.length, customers, conversations }
}
