import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../runtime/audit/index.ts'
import { rewriteFrom } from '../support/audit-chain.ts'
import { echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('audit log', () => {
  let t: TestApp
  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(() => t.close())

  async function records(query = ''): Promise<AuditRecord[]> {
    const response = await t.request('GET', `/api/audit${query}`)
    expect(response.status).toBe(200)
    return ((await response.json()) as { records: AuditRecord[] }).records
  }

  it('records a change by a person: who, what, where from, the status and a digest of the result', async () => {
    const designer = t.requestAs('designer')

    const created = await designer('POST', '/api/flows', echoFlow('refunds'))

    const [row] = await records()
    expect(row).toMatchObject({
      actor: { kind: 'user', role: 'designer', name: expect.stringMatching(/designer/) },
      action: 'POST /api/flows',
      target: '/api/flows',
      method: 'POST',
      status: 201,
      ip: 'unknown',
      beforeDigest: null,
      afterDigest: sha256(await created.text()),
    })
    expect(row?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('takes the action, target and before/after a route reports, as digests only', async () => {
    await t.request('PUT', '/api/secrets/crmToken', { value: 'first-value', description: 'CRM' })

    await t.request('PUT', '/api/secrets/crmToken', { value: 'second-value' })

    const [updated, created] = await records()
    expect(created).toMatchObject({
      action: 'secret.create',
      target: 'secret:crmToken',
      beforeDigest: null,
    })
    expect(updated).toMatchObject({ action: 'secret.update', target: 'secret:crmToken' })
    expect(updated?.beforeDigest).toMatch(/^[0-9a-f]{64}$/)
    const all = JSON.stringify(await records())
    expect(all).not.toContain('first-value')
    expect(all).not.toContain('second-value')
  })

  it('records reads of transcripts and traces, and no other reads', async () => {
    await t.publish(echoFlow('echo'))
    const started = await t.request('POST', '/api/conversations', { flowId: 'echo' })
    const { id } = (await started.json()) as { id: string }
    const before = (await records()).length

    await t.request('GET', '/api/flows')
    await t.request('GET', `/api/conversations/${id}`)
    await t.request('GET', `/api/conversations/${id}/trace`)

    const reads = (await records()).slice(0, (await records()).length - before)
    expect(reads.map((r) => r.action)).toEqual([
      // GET /api/audit itself is not a transcript read and leaves no row.
      'GET /api/conversations/{id}/trace',
      'GET /api/conversations/{id}',
    ])
    expect(reads[1]?.params).toEqual({ id })
  })

  it('records a refused attempt (403), but not a request without credentials (401)', async () => {
    const agent = t.requestAs('agent')

    await expectError(await agent('PUT', '/api/secrets/x', { value: 'v' }), 403, 'forbidden')
    await expectError(
      await t.app.request('/api/secrets/x', { method: 'DELETE' }),
      401,
      'unauthorized',
    )

    expect((await records()).map((r) => [r.actor.role, r.action, r.status])).toEqual([
      ['agent', 'PUT /api/secrets/{name}', 403],
    ])
  })

  it('records anonymous sign-in attempts, and no other anonymous request, so nobody can flood it', async () => {
    const anonymous = (path: string) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'nobody', password: 'wrong-password-1' }),
      })

    await anonymous('/api/auth/sign-in')
    await anonymous('/api/auth/sign-out')
    await anonymous('/api/auth/made-up-action')

    expect((await records()).map((r) => [r.actor.kind, r.action])).toEqual([
      ['anonymous', 'auth.sign_in'],
    ])
  })

  it("leaves a channel's customer turns out, but records its transcript reads", async () => {
    await t.publish(echoFlow('echo'))
    const channel = t.requestWithApiKey(['echo'])
    const before = (await records()).length

    const started = await channel('POST', '/api/conversations', { flowId: 'echo' })
    const { id } = (await started.json()) as { id: string }
    await channel('POST', `/api/conversations/${id}/messages`, { text: '你好' })
    await channel('GET', `/api/conversations/${id}`)

    const rows = await records()
    expect(rows.length - before).toBe(1)
    expect(rows[0]).toMatchObject({
      actor: { kind: 'api_key' },
      action: 'GET /api/conversations/{id}',
    })
  })

  it('filters by actor, action (prefix with *), target and time', async () => {
    await t.request('PUT', '/api/secrets/alpha', { value: 'a' })
    await t.request('PUT', '/api/secrets/beta', { value: 'b' })
    await t.requestAs('designer')('POST', '/api/flows', echoFlow('refunds'))

    const byAction = await records('?action=secret.*')
    const byTarget = await records('?target=beta')
    const byActor = await records('?actor=admin-token')
    const future = await records('?from=2999-01-01')
    const today = await records(`?to=${new Date().toISOString().slice(0, 10)}`)

    expect(byAction.map((r) => r.target)).toEqual(['secret:beta', 'secret:alpha'])
    expect(byTarget.map((r) => r.target)).toEqual(['secret:beta'])
    expect(byActor).toHaveLength(2)
    expect(future).toEqual([])
    expect(today).toHaveLength(3)
  })

  it('refuses a filter that is not a date with 422, listing the field', async () => {
    const error = await expectError(
      await t.request('GET', '/api/audit?from=yesterday'),
      422,
      'invalid_request',
    )

    expect(JSON.stringify(error.details)).toContain('from')
  })

  it('exports the filtered log as CSV, and records the export', async () => {
    await t.request('PUT', '/api/secrets/alpha', { value: 'a' })

    const exported = await t.request('GET', '/api/audit/export?action=secret.*')

    expect(exported.headers.get('content-type')).toMatch(/text\/csv/)
    expect(exported.headers.get('content-disposition')).toMatch(
      /attachment; filename="switchboard-audit-/,
    )
    const lines = (await exported.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toMatch(/^seq,at,actor_kind,actor_id,actor_name,actor_role,action,target/)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('secret.create,secret:alpha')
    expect((await records())[0]).toMatchObject({ action: 'audit.export', target: 'audit_log' })
  })

  it('is for admins only', async () => {
    const analyst = t.requestAs('analyst')

    await expectError(await analyst('GET', '/api/audit'), 403, 'forbidden')
    await expectError(await analyst('GET', '/api/audit/export'), 403, 'forbidden')
  })
})

describe('audit log verification', () => {
  let t: TestApp
  beforeEach(async () => {
    t = createTestApp()
    for (const name of ['one', 'two', 'three', 'four']) {
      await t.request('PUT', `/api/secrets/${name}`, { value: 'v' })
    }
  })
  afterEach(() => t.close())

  const verify = async () =>
    (await (await t.request('GET', '/api/audit/verify')).json()) as {
      isIntact: boolean
      rows: number
      plainRows: number
      keyedFromSeq: number | null
      problems: { seq: number; problem: string }[]
    }

  it('finds an untouched log intact', async () => {
    expect(await verify()).toMatchObject({ isIntact: true, rows: 4, problems: [] })
  })

  it('detects an edited row', async () => {
    t.database.sqlite
      .prepare("UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 2")
      .run()

    expect(await verify()).toMatchObject({
      isIntact: false,
      problems: [{ seq: 2, problem: 'edited' }],
    })
  })

  it('detects an edited row whose hash was recomputed, at the row after it', async () => {
    const row = t.database.sqlite.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as {
      prev_hash: string
    }
    t.database.sqlite
      .prepare('UPDATE audit_log SET hash = ? WHERE seq = 2')
      .run(sha256(row.prev_hash))

    const { problems } = await verify()

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ seq: 2, problem: 'edited' }),
        expect.objectContaining({ seq: 3, problem: 'chain_broken' }),
      ]),
    )
  })

  it('detects an edited row whose later hashes and head were recomputed without the master key', async () => {
    rewriteFrom(t.database, 2, "actor_name = 'someone else'")

    const result = await verify()

    expect(result.isIntact).toBe(false)
    expect(result.problems.map((p) => p.seq)).toEqual([2, 3, 4])
  })

  it('says from which row the log is signed with the chain key', async () => {
    expect(await verify()).toMatchObject({ plainRows: 0, keyedFromSeq: 1 })
  })

  it('detects a deleted row in the middle and at the end', async () => {
    t.database.sqlite.prepare('DELETE FROM audit_log WHERE seq IN (2, 4)').run()

    const { problems } = await verify()

    expect(problems.map((p) => [p.seq, p.problem])).toEqual([
      [3, 'rows_missing'],
      [4, 'rows_missing'],
    ])
  })

  it('keeps numbering after the head, so a deleted tail stays visible after new rows', async () => {
    t.database.sqlite.prepare('DELETE FROM audit_log WHERE seq = 4').run()

    await t.request('PUT', '/api/secrets/five', { value: 'v' })

    expect((await verify()).problems.map((p) => [p.seq, p.problem])).toEqual([[5, 'rows_missing']])
  })
})
