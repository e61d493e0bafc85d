import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { openDatabase } from '../storage/index.ts'
import { AuditLog } from './audit-log.ts'
import type { AuditEntry } from './audit-schemas.ts'

const entry = (target: string): AuditEntry => ({
  actor: { kind: 'user', id: 'u1', name: 'li.na', role: 'admin' },
  action: 'flow.publish',
  target,
  method: 'POST',
  path: `/api/flows/${target}/publish`,
  params: { id: target },
  status: 201,
  ip: '10.0.0.8',
  beforeDigest: null,
  afterDigest: null,
})

describe('AuditLog', () => {
  let db: ReturnType<typeof openTestDatabase>
  beforeEach(() => {
    db = openTestDatabase()
  })
  afterEach(() => db.remove())

  it('chains rows appended through two connections to one file (two processes) into one log', () => {
    const other = openDatabase(db.file)
    const first = new AuditLog(db.database)
    const second = new AuditLog(other)

    for (let i = 0; i < 10; i++) (i % 2 === 0 ? first : second).append(entry(`flow-${i}`))
    other.close()

    expect(first.verify()).toMatchObject({ isIntact: true, rows: 10, headSeq: 10 })
  })

  it('links each row to the one before it', () => {
    const log = new AuditLog(db.database)

    const a = log.append(entry('a'))
    const b = log.append(entry('b'))

    expect(a.prevHash).toBe('0'.repeat(64))
    expect(b.prevHash).toBe(a.hash)
  })
})
