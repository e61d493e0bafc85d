import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FlowInput } from '../../shared/index.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { projectRoot, type ServerProcess, startServerProcess } from '../support/server-process.ts'

const token = 'multi-process-test-token-0123'
const customNodesDir = join(projectRoot, 'test', 'fixtures', 'custom-nodes')

async function call(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

function pauseEchoFlow(): FlowInput {
  return buildFlow(
    'pause-echo',
    [
      { id: 'start', type: 'start' },
      { id: 'listen', type: 'ask', config: { variable: 'said', maxAttempts: 10 } },
      { id: 'crash', type: 'test-crash' },
      { id: 'pause', type: 'test-pause', config: { ms: 3 } },
      { id: 'echo', type: 'reply', config: { text: '收到：{{ input }}' } },
    ],
    [
      ['start', 'next', 'listen'],
      ['listen', 'answer', 'crash'],
      ['crash', 'next', 'pause'],
      ['pause', 'next', 'echo'],
      ['echo', 'next', 'listen'],
    ],
    { variables: [{ name: 'said', type: 'string' }] },
  )
}

describe('several server processes on one database', () => {
  let dataDir: string
  const servers: ServerProcess[] = []
  const start = async (extra: Record<string, string> = {}) => {
    const server = await startServerProcess({
      DATA_DIR: dataDir,
      SWITCHBOARD_ADMIN_TOKEN: token,
      CUSTOM_NODES_DIR: customNodesDir,
      LOAD_EXAMPLES: 'false',
      ...extra,
    })
    servers.push(server)
    return server
  }

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-mp-'))
  })
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()))
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('never interleaves the turns of one conversation sent to two processes at once', async () => {
    const a = await start()
    const b = await start()
    expect((await call(a.url, 'POST', '/api/flows', pauseEchoFlow())).status).toBe(201)
    expect((await call(a.url, 'POST', '/api/flows/pause-echo/publish', {})).status).toBe(201)
    const created = await call(b.url, 'POST', '/api/conversations', { flowId: 'pause-echo' })
    const id: string = created.body.id
    const texts = Array.from({ length: 16 }, (_, i) => `第${i}条`)

    const answers = await Promise.all(
      texts.map((text, i) =>
        call(i % 2 === 0 ? a.url : b.url, 'POST', `/api/conversations/${id}/messages`, { text }),
      ),
    )

    expect(answers.map((r) => r.status)).toEqual(texts.map(() => 200))
    const { body } = await call(a.url, 'GET', `/api/conversations/${id}`)
    expect(body.turnCount).toBe(17)
    const transcript: { role: string; text: string }[] = body.messages
    expect(transcript).toHaveLength(32)
    for (let i = 0; i < transcript.length; i += 2) {
      expect(transcript[i]!.role).toBe('customer')
      expect(transcript[i + 1]!.text).toBe(`收到：${transcript[i]!.text}`)
    }
    expect(new Set(transcript.filter((m) => m.role === 'customer').map((m) => m.text))).toEqual(
      new Set(texts),
    )
  })

  it('leaves the conversation as before the turn when the process dies mid-turn', async () => {
    const a = await start({ TURN_LEASE_MS: '300' })
    await call(a.url, 'POST', '/api/flows', pauseEchoFlow())
    await call(a.url, 'POST', '/api/flows/pause-echo/publish', {})
    const id: string = (await call(a.url, 'POST', '/api/conversations', { flowId: 'pause-echo' }))
      .body.id
    await call(a.url, 'POST', `/api/conversations/${id}/messages`, { text: '你好' })
    const before = (await call(a.url, 'GET', `/api/conversations/${id}`)).body

    await expect(
      call(a.url, 'POST', `/api/conversations/${id}/messages`, { text: '崩溃' }),
    ).rejects.toThrow()
    expect(await a.exited).toBe(70)
    const b = await start({ TURN_LEASE_MS: '300' })
    const after = (await call(b.url, 'GET', `/api/conversations/${id}`)).body
    expect(after).toEqual(before)
    const next = await call(b.url, 'POST', `/api/conversations/${id}/messages`, {
      text: '恢复了吗',
    })
    expect(next.status).toBe(200)
    expect(next.body.messages.map((m: { text: string }) => m.text)).toEqual(['收到：恢复了吗'])
  })
})
