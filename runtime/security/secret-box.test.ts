import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  loadMasterKey,
  masterKeyFileName,
  parseMasterKey,
  SecretBox,
  SecretBoxError,
} from './secret-box.ts'

const context = 'provider:openai:apiKey'

function box(id = 1, key = randomBytes(32)): SecretBox {
  return new SecretBox([{ id, key }])
}

function sealedBytes(sealed: string): Buffer {
  return Buffer.from(sealed.slice('sb1.'.length), 'base64url')
}

describe('SecretBox', () => {
  it('opens what it sealed', () => {
    const secrets = box()

    const sealed = secrets.seal('sk-live-abcdef123456', context)

    expect(secrets.open(sealed, context)).toBe('sk-live-abcdef123456')
  })

  it('never shows the plaintext in the sealed text', () => {
    const sealed = box().seal('sk-live-abcdef123456', context)

    expect(sealed).not.toContain('abcdef')
    expect(sealedBytes(sealed).includes(Buffer.from('abcdef'))).toBe(false)
  })

  it('seals the same secret differently each time (fresh IV)', () => {
    const secrets = box()

    expect(secrets.seal('same', context)).not.toBe(secrets.seal('same', context))
  })

  it('stores the format version and the key id in the first two bytes', () => {
    const sealed = box(7).seal('x', context)

    expect([...sealedBytes(sealed).subarray(0, 2)]).toEqual([1, 7])
  })

  it('refuses to open a secret under another context', () => {
    const secrets = box()
    const sealed = secrets.seal('sk-1', 'provider:a:apiKey')

    expect(() => secrets.open(sealed, 'provider:b:apiKey')).toThrow(SecretBoxError)
  })

  it('refuses a tampered ciphertext', () => {
    const secrets = box()
    const bytes = sealedBytes(secrets.seal('sk-live-abcdef', context))
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1

    expect(() => secrets.open(`sb1.${bytes.toString('base64url')}`, context)).toThrow(
      /does not open/,
    )
  })

  it('refuses a secret sealed under a key it does not hold', () => {
    const sealed = box(2).seal('sk-1', context)

    expect(() => box(1).open(sealed, context)).toThrow(/no key with id 2/)
  })

  it('opens secrets of every key it holds, sealing with the first', () => {
    const oldKey = { id: 1, key: randomBytes(32) }
    const newKey = { id: 2, key: randomBytes(32) }
    const sealedOld = new SecretBox([oldKey]).seal('old secret', context)
    const rotated = new SecretBox([newKey, oldKey])

    expect(rotated.open(sealedOld, context)).toBe('old secret')
    expect(sealedBytes(rotated.seal('new', context))[1]).toBe(2)
  })

  it('refuses text that was never sealed, and a truncated one', () => {
    const secrets = box()

    expect(() => secrets.open('sk-plain-text', context)).toThrow(/not a sealed secret/)
    expect(() => secrets.open('sb1.AQE', context)).toThrow(/truncated/)
  })

  it('refuses keys of the wrong length and ids out of range', () => {
    expect(() => new SecretBox([{ id: 1, key: randomBytes(16) }])).toThrow(/needs 32/)
    expect(() => new SecretBox([{ id: 256, key: randomBytes(32) }])).toThrow(/0 to 255/)
    expect(() => new SecretBox([])).toThrow(/at least one key/)
  })
})

describe('parseMasterKey', () => {
  it('reads 64 hex digits and base64 of 32 bytes', () => {
    const key = randomBytes(32)

    expect(parseMasterKey(key.toString('hex'))).toEqual(key)
    expect(parseMasterKey(key.toString('base64'))).toEqual(key)
    expect(parseMasterKey(`${key.toString('base64url')}\n`)).toEqual(key)
  })

  it('refuses a key of another length, saying how to make one', () => {
    expect(() => parseMasterKey('too-short')).toThrow(/openssl rand -base64 32/)
    expect(() => parseMasterKey(randomBytes(16).toString('hex'))).toThrow(SecretBoxError)
  })
})

describe('loadMasterKey', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('creates a key file readable by the owner only at first start, then reuses it', () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-key-'))

    const first = loadMasterKey({ dataDir: dir, fromEnv: undefined })
    const second = loadMasterKey({ dataDir: dir, fromEnv: undefined })

    expect(first.source).toBe('new-file')
    expect(second).toEqual({ key: first.key, source: 'file' })
    expect(statSync(join(dir, masterKeyFileName)).mode & 0o777).toBe(0o600)
  })

  it('prefers SWITCHBOARD_MASTER_KEY and writes no file then', () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-key-'))
    const key = randomBytes(32)

    const loaded = loadMasterKey({ dataDir: dir, fromEnv: key.toString('hex') })

    expect(loaded).toEqual({ key, source: 'env' })
    expect(() => readFileSync(join(dir, masterKeyFileName))).toThrow()
  })

  it('refuses a damaged key file instead of making a new key', () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-key-'))
    writeFileSync(join(dir, masterKeyFileName), 'garbage')

    expect(() => loadMasterKey({ dataDir: dir, fromEnv: undefined })).toThrow(SecretBoxError)
  })
})
