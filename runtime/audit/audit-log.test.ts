import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  auditEntry,
  freshChainKeys,
  rewriteFrom,
  writePlainRows,
} from '../../test/support/audit-chain.ts'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { openDatabase } from '../storage/index.ts'
import { auditChainKeys } from './audit-hash.ts'
import { AuditLog } from './audit-log.ts'

describe('AuditLog', () => {
  let db: ReturnType<typeof openTestDatabase>
  const keys = freshChainKeys()
  beforeEach(() => {
    db = openTestDatabase()
  })
  afterEach(() => db.remove())

  it('chains rows appended through two connections to one file (two processes) into one log', () => {
    const other = openDatabase(db.file)
    const first = new AuditLog(db.database, keys)
    const second = new AuditLog(other, keys)

    for (let i = 0; i < 10; i++) (i % 2 === 0 ? first : second).append(auditEntry(`flow-${i}`))
    other.close()

    expect(first.verify()).toMatchObject({ isIntact: true, rows: 10, headSeq: 10 })
  })

  it('links each row to the one before it, signed with the current master key id', () => {
    const log = new AuditLog(db.database, keys)

    const a = log.append(auditEntry('a'))
    const b = log.append(auditEntry('b'))

    expect(a.prevHash).toBe('0'.repeat(64))
    expect(a.hash).toMatch(/^k1:[0-9a-f]{64}$/)
    expect(b.prevHash).toBe(a.hash)
    expect(log.verify()).toMatchObject({ plainRows: 0, keyedFromSeq: 1 })
  })
})

describe('keyed chaining', () => {
  let db: ReturnType<typeof openTestDatabase>
  beforeEach(() => {
    db = openTestDatabase()
  })
  afterEach(() => db.remove())

  it('detects an edited row whose later hashes and head were recomputed with plain sha256', () => {
    const log = new AuditLog(db.database, freshChainKeys())
    for (const target of ['a', 'b', 'c', 'd']) log.append(auditEntry(target))

    rewriteFrom(db.database, 2, "actor_name = 'someone else'")

    const result = log.verify()
    expect(result.isIntact).toBe(false)
    expect(result.problems.map((p) => [p.seq, p.problem])).toEqual([
      [2, 'edited'],
      [3, 'edited'],
      [4, 'edited'],
    ])
  })

  it('detects a rewrite signed with a key other than the master key’s', () => {
    const log = new AuditLog(db.database, freshChainKeys())
    for (const target of ['a', 'b', 'c']) log.append(auditEntry(target))
    const forger = new AuditLog(db.database, freshChainKeys())
    db.database.sqlite.prepare('DELETE FROM audit_log WHERE seq = 3').run()
    db.database.sqlite.prepare('UPDATE audit_head SET seq = 2 WHERE id = 1').run()
    const head = db.database.sqlite.prepare('SELECT hash FROM audit_log WHERE seq = 2').get() as {
      hash: string
    }
    db.database.sqlite.prepare('UPDATE audit_head SET hash = ? WHERE id = 1').run(head.hash)

    forger.append(auditEntry('forged'))

    expect(log.verify().problems).toEqual([expect.objectContaining({ seq: 3, problem: 'edited' })])
  })

  it('refuses a plain hash after keyed rows: a row cannot be downgraded to the old recipe', () => {
    writePlainRows(db.database, ['old'])
    const log = new AuditLog(db.database, freshChainKeys())
    log.append(auditEntry('new-1'))
    log.append(auditEntry('new-2'))

    rewriteFrom(db.database, 3, "target = 'new-2'")

    expect(log.verify().problems).toEqual([
      expect.objectContaining({
        seq: 3,
        problem: 'edited',
        message: expect.stringMatching(/unkeyed/),
      }),
    ])
  })

  it('reports rows signed with a master key that is not loaded instead of passing them', () => {
    const old = freshChainKeys(1)
    new AuditLog(db.database, old).append(auditEntry('a'))
    const current = freshChainKeys(2)
    const log = new AuditLog(db.database, current)
    log.append(auditEntry('b'))

    const result = log.verify()

    expect(result.isIntact).toBe(false)
    expect(result.problems).toEqual([
      expect.objectContaining({
        seq: 1,
        problem: 'key_missing',
        message: expect.stringMatching(/master key 1/),
      }),
    ])
  })
})

describe('a log written before keyed chaining', () => {
  let db: ReturnType<typeof openTestDatabase>
  beforeEach(() => {
    db = openTestDatabase()
    writePlainRows(db.database, ['a', 'b', 'c'])
  })
  afterEach(() => db.remove())

  it('verifies once the first start sealed it, and keeps verifying as new rows follow', () => {
    const log = new AuditLog(db.database, freshChainKeys())
    const before = log.verify()

    const seal = log.sealPlainChain()
    log.append(auditEntry('d'))

    expect(before).toMatchObject({ rows: 3, plainRows: 3, keyedFromSeq: null })
    expect(before.problems.map((p) => p.problem)).toEqual(['not_keyed'])
    expect(seal).toMatchObject({
      seq: 4,
      action: 'audit.chain_keyed',
      params: { sealedThroughSeq: '3', sealedProblems: '0' },
    })
    expect(log.verify()).toMatchObject({ isIntact: true, rows: 5, plainRows: 3, keyedFromSeq: 4 })
  })

  it('is sealed once: later starts add no row', () => {
    const log = new AuditLog(db.database, freshChainKeys())

    log.sealPlainChain()
    const second = log.sealPlainChain()

    expect(second).toBeUndefined()
    expect(log.verify().rows).toBe(4)
  })

  it('detects a plain row edited and re-hashed after the seal', () => {
    const log = new AuditLog(db.database, freshChainKeys())
    log.sealPlainChain()
    log.append(auditEntry('d'))

    rewriteFrom(db.database, 2, 'status = 403', 3)

    expect(log.verify().problems.map((p) => [p.seq, p.problem])).toEqual([
      [4, 'chain_broken'],
      [4, 'edited'],
    ])
  })

  it('detects the whole log rewritten with the old, keyless recipe', () => {
    const log = new AuditLog(db.database, freshChainKeys())
    log.sealPlainChain()
    log.append(auditEntry('d'))

    rewriteFrom(db.database, 2, 'status = 403')

    expect(log.verify().problems.map((p) => p.problem)).toEqual(['not_keyed'])
  })
})

describe('seals across a master key rotation', () => {
  let db: ReturnType<typeof openTestDatabase>
  const rotation = {
    actor: { kind: 'cli', id: 'ops', name: 'ops', role: 'operator' },
    action: 'master_key.rotate',
    target: 'master_key:2',
    method: 'CLI',
    path: 'npm run rotate-key',
    params: { oldKeyId: '1', newKeyId: '2' },
  }
  const oldKeys = freshChainKeys(1)
  const newKeys = freshChainKeys(2)
  const bothKeys = auditChainKeys(
    [
      { id: 2, key: newKeys.masterKey },
      { id: 1, key: oldKeys.masterKey },
    ],
    2,
  )
  beforeEach(() => {
    db = openTestDatabase()
    const before = new AuditLog(db.database, oldKeys)
    for (const target of ['a', 'b', 'c']) before.append(auditEntry(target))
    new AuditLog(db.database, bothKeys).appendSeal(rotation)
    new AuditLog(db.database, newKeys).append(auditEntry('d'))
  })
  afterEach(() => db.remove())

  it('verifies with the new key alone once the old one is gone', () => {
    expect(new AuditLog(db.database, newKeys).verify()).toMatchObject({ isIntact: true, rows: 5 })
  })

  it('detects a row signed with the old key that was edited after the rotation, without that key', () => {
    db.database.sqlite.prepare("UPDATE audit_log SET target = 'x' WHERE seq = 2").run()

    expect(new AuditLog(db.database, newKeys).verify().problems).toEqual([
      expect.objectContaining({
        seq: 4,
        problem: 'edited',
        message: expect.stringMatching(/sealed/),
      }),
    ])
  })

  it('names the edited row itself when the old key is loaded as well', () => {
    db.database.sqlite.prepare("UPDATE audit_log SET target = 'x' WHERE seq = 2").run()

    const problems = new AuditLog(db.database, bothKeys).verify().problems

    expect(problems.map((p) => [p.seq, p.problem])).toEqual([
      [2, 'edited'],
      [4, 'edited'],
    ])
  })

  it('does not take an ordinary row with a sealedDigest parameter for a seal', () => {
    const log = new AuditLog(db.database, newKeys)
    const entry = auditEntry('e')
    log.append({ ...entry, params: { sealedDigest: 'f'.repeat(64) } })

    expect(log.verify().isIntact).toBe(true)
  })

  it('signs the seal with the new key over the old chain’s last hash', () => {
    const seal = db.database.sqlite
      .prepare('SELECT prev_hash, hash FROM audit_log WHERE seq = 4')
      .get() as { prev_hash: string; hash: string }

    expect(seal.prev_hash).toMatch(/^k1:/)
    expect(seal.hash).toMatch(/^k2:/)
  })
})
