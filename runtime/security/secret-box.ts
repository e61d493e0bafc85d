import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** First byte of every sealed secret; a new layout gets a new number, old ones stay readable. */
const formatVersion = 1
const ivBytes = 12
const tagBytes = 16
const keyBytes = 32
const headerBytes = 2
/** Marks the text form so a plain value stored by mistake is never "decrypted". */
const textPrefix = 'sb1.'

export class SecretBoxError extends Error {
  override name = 'SecretBoxError'
}

export interface SecretKey {
  /** 0–255, stored in every ciphertext so that after a rotation the right key opens it. */
  id: number
  /** 32 bytes for AES-256-GCM. */
  key: Buffer
}

/**
 * Encrypts secrets at rest with AES-256-GCM (DESIGN §11). Sealed layout, base64url after the
 * `sb1.` prefix: [format version 1 B][key id 1 B][IV 12 B][auth tag 16 B][ciphertext].
 * `context` (e.g. `provider:openai:apiKey`) is bound as associated data: a ciphertext copied
 * into another row does not open there.
 * @example
 * const box = new SecretBox([{ id: 1, key: randomBytes(32) }])
 * const sealed = box.seal('sk-live-1234', 'provider:openai:apiKey')
 * box.open(sealed, 'provider:openai:apiKey') // 'sk-live-1234'
 */
export class SecretBox {
  readonly #keys: ReadonlyMap<number, Buffer>
  readonly #current: SecretKey

  /** The first key seals; every key listed can open. */
  constructor(keys: readonly SecretKey[]) {
    const [current] = keys
    if (current === undefined) throw new SecretBoxError('SecretBox needs at least one key')
    for (const { id, key } of keys) {
      if (!Number.isInteger(id) || id < 0 || id > 255) {
        throw new SecretBoxError(`key id ${id} is not a whole number from 0 to 255`)
      }
      if (key.length !== keyBytes) {
        throw new SecretBoxError(`key ${id} has ${key.length} bytes; AES-256 needs ${keyBytes}`)
      }
    }
    this.#current = current
    this.#keys = new Map(keys.map(({ id, key }) => [id, key]))
  }

  get currentKeyId(): number {
    return this.#current.id
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(ivBytes)
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const header = Buffer.from([formatVersion, this.#current.id])
    return textPrefix + Buffer.concat([header, iv, cipher.getAuthTag(), body]).toString('base64url')
  }

  /** Throws SecretBoxError when the text was not sealed here, under this context, intact. */
  open(sealed: string, context: string): string {
    if (!sealed.startsWith(textPrefix)) throw new SecretBoxError('not a sealed secret')
    const bytes = Buffer.from(sealed.slice(textPrefix.length), 'base64url')
    if (bytes.length < headerBytes + ivBytes + tagBytes) {
      throw new SecretBoxError('sealed secret is truncated')
    }
    if (bytes[0] !== formatVersion) {
      throw new SecretBoxError(`unknown sealed secret format ${bytes[0]}`)
    }
    const keyId = bytes[1] ?? -1
    const key = this.#keys.get(keyId)
    if (key === undefined) throw new SecretBoxError(`no key with id ${keyId} is loaded`)
    const ivEnd = headerBytes + ivBytes
    const tagEnd = ivEnd + tagBytes
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(headerBytes, ivEnd))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(bytes.subarray(ivEnd, tagEnd))
    try {
      return Buffer.concat([decipher.update(bytes.subarray(tagEnd)), decipher.final()]).toString(
        'utf8',
      )
    } catch {
      // Never say more: which byte failed would help an attacker, not an operator.
      throw new SecretBoxError('sealed secret does not open with this key and context')
    }
  }
}

/** 32 bytes written as 64 hex digits or as base64 (standard or url-safe). */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : Buffer.alloc(0)
  if (key.length !== keyBytes) {
    throw new SecretBoxError(
      'SWITCHBOARD_MASTER_KEY must be 32 bytes written as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
    )
  }
  return key
}

export const masterKeyFileName = 'master-key'

/**
 * The master key: SWITCHBOARD_MASTER_KEY when set, else DATA_DIR/master-key, created at first
 * start with mode 600. Call it through `openKeyring`, which first checks the key against the
 * database. Losing the file loses every stored secret: operators back it up apart
 * from the database, which is why a key in the environment is preferred in production.
 */
export function loadMasterKey(options: { dataDir: string; fromEnv: string | undefined }): {
  key: Buffer
  source: 'env' | 'file' | 'new-file'
} {
  if (options.fromEnv !== undefined && options.fromEnv.trim() !== '') {
    return { key: parseMasterKey(options.fromEnv), source: 'env' }
  }
  const file = join(options.dataDir, masterKeyFileName)
  if (existsSync(file)) return { key: parseMasterKey(readFileSync(file, 'utf8')), source: 'file' }
  mkdirSync(options.dataDir, { recursive: true })
  const key = randomBytes(keyBytes)
  try {
    // `wx`: two processes starting at once must not each write a different key.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
      return { key: parseMasterKey(readFileSync(file, 'utf8')), source: 'file' }
    }
    throw error
  }
  return { key, source: 'new-file' }
}
