import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FlowInput } from '../../shared/index.ts'
import { buildFlow, echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError, problemsOf } from './expect-error.ts'
import { readSseJson } from './sse.ts'

interface TestStart {
  id: string
  snapshotId: number
  status: string
  messages: { text: string }[]
}

let t: TestApp

beforeEach(() => {
  t = createTestApp()
})

afterEach(() => t.close())

async function createDraft(flow: FlowInput): Promise<void> {
  const created = await t.request('POST', '/api/flows', flow)
  expect(created.status, await created.clone().text()).toBe(201)
}

async function startTest(flowId: string, body?: unknown): Promise<TestStart> {
  const response = await t.request('POST', `/api/flows/${flowId}/test-conversations`, body)
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as TestStart
}

async function say(
  conversationId: string,
  text: string,
): Promise<{ messages: { text: string }[] }> {
  const response = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
    text,
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as { messages: { text: string }[] }
}

async function saveDraft(flow: FlowInput): Promise<void> {
  const { revision } = (await (await t.request('GET', `/api/flows/${flow.id}`)).json()) as {
    revision: number
  }
  const saved = await t.request('PUT', `/api/flows/${flow.id}`, { revision, flow })
  expect(saved.status, await saved.clone().text()).toBe(200)
}

describe('POST /api/flows/:id/test-conversations', () => {
  it('runs an unpublished draft and continues through the ordinary messages endpoint', async () => {
    await createDraft(echoFlow())

    const started = await startTest('echo')
    const answer = await say(started.id, '在吗')

    expect(started.messages.map((m) => m.text)).toEqual(['你好'])
    expect(answer.messages.map((m) => m.text)).toEqual(['收到：在吗'])
  })

  it('streams the start of a test conversation as Server-Sent Events when asked', async () => {
    await createDraft(echoFlow())

    const response = await t.request(
      'POST',
      '/api/flows/echo/test-conversations',
      {},
      {
        accept: 'text/event-stream',
      },
    )

    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const events = await readSseJson(response)
    expect(events.map((e) => e.event)).toEqual(['message', 'status', 'done'])
    expect(events.at(-1)?.data).toMatchObject({
      status: 'active',
      messages: [{ text: '你好' }],
      snapshotId: expect.any(Number),
    })
  })

  it('pins the conversation to its snapshot as a negative version on the test channel', async () => {
    await createDraft(echoFlow())

    const started = await startTest('echo')
    const view = (await (await t.request('GET', `/api/conversations/${started.id}`)).json()) as {
      flowVersion: number
      channel: string
    }

    expect(view).toMatchObject({ flowVersion: -started.snapshotId, channel: 'test' })
  })

  it('keeps a running test conversation on its snapshot when the draft changes', async () => {
    await createDraft(echoFlow())
    const started = await startTest('echo')
    const changed = echoFlow()
    changed.nodes[3] = {
      ...changed.nodes[3],
      data: { config: { text: '新版：{{ input }}' } },
    } as (typeof changed.nodes)[number]

    await saveDraft(changed)
    const oldAnswer = await say(started.id, 'a')
    const fresh = await startTest('echo')
    const newAnswer = await say(fresh.id, 'b')

    expect(oldAnswer.messages.map((m) => m.text)).toEqual(['收到：a'])
    expect(newAnswer.messages.map((m) => m.text)).toEqual(['新版：b'])
    expect(fresh.snapshotId).not.toBe(started.snapshotId)
  })

  it('reuses the snapshot of an unchanged draft', async () => {
    await createDraft(echoFlow())

    const first = await startTest('echo')
    const second = await startTest('echo', { locale: 'en' })

    expect(second.snapshotId).toBe(first.snapshotId)
    expect(second.id).not.toBe(first.id)
  })

  it('does not publish the draft or list a version', async () => {
    await createDraft(echoFlow())

    await startTest('echo')
    const versions = (await (await t.request('GET', '/api/flows/echo/versions')).json()) as {
      versions: unknown[]
    }
    const listed = (await (await t.request('GET', '/api/flows')).json()) as {
      flows: { id: string; latestVersion: number | null }[]
    }

    expect(versions.versions).toEqual([])
    expect(listed.flows.find((f) => f.id === 'echo')?.latestVersion).toBeNull()
  })

  it('refuses a draft with errors, listing every problem, and starts nothing', async () => {
    await createDraft(
      buildFlow('broken', [{ id: 'hello', type: 'reply', config: { text: 1 } }], []),
    )

    const response = await t.request('POST', '/api/flows/broken/test-conversations', {})
    const error = await expectError(response, 422, 'flow_invalid')

    expect(problemsOf(error).map((p) => p.code)).toEqual(
      expect.arrayContaining(['no_start_node', 'config_invalid']),
    )
  })

  it('answers 404 for an unknown flow', async () => {
    const response = await t.request('POST', '/api/flows/nope/test-conversations', {})

    await expectError(response, 404, 'flow_not_found')
  })

  it('rejects an unknown body field type with the field path', async () => {
    await createDraft(echoFlow())

    const response = await t.request('POST', '/api/flows/echo/test-conversations', {
      locale: 42,
    })

    await expectError(response, 422, 'invalid_request')
  })
})
