import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FlowDraft, FlowVersion, FlowVersionSummary } from '../../runtime/storage/index.ts'
import type { FlowInput, Problem } from '../../shared/index.ts'
import { buildFlow, echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp, testToken } from '../support/test-app.ts'
import { expectError, problemPaths, problemsOf } from './expect-error.ts'

type DraftResponse = FlowDraft & { problems: Problem[] }

let t: TestApp

beforeEach(() => {
  t = createTestApp()
})

afterEach(() => t.close())

async function readDraft(flowId: string): Promise<DraftResponse> {
  const response = await t.request('GET', `/api/flows/${flowId}`)
  expect(response.status).toBe(200)
  return (await response.json()) as DraftResponse
}

async function createDraft(flow: FlowInput): Promise<DraftResponse> {
  const response = await t.request('POST', '/api/flows', flow)
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as DraftResponse
}

async function listFlowIds(): Promise<string[]> {
  const response = await t.request('GET', '/api/flows')
  expect(response.status).toBe(200)
  const { flows } = (await response.json()) as { flows: { id: string }[] }
  return flows.map((flow) => flow.id).sort()
}

async function listVersions(flowId: string): Promise<FlowVersionSummary[]> {
  const response = await t.request('GET', `/api/flows/${flowId}/versions`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { versions: FlowVersionSummary[] }).versions
}

/** A flow whose ask node lacks the variable to store the answer in: a node-level problem. */
function flowWithConfigProblem(id: string): FlowInput {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'askName', type: 'ask', config: { question: '请问您怎么称呼？' } },
    ],
    [['start', 'next', 'askName']],
  )
}

/** A flow with four different errors: each blocks publishing on its own. */
function flowWithManyErrors(id: string): FlowInput {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'hello', type: 'reply', config: { text: '您好' } },
      { id: 'crm', type: 'no-such-node-type' },
      { id: 'askName', type: 'ask', config: { question: '请问您怎么称呼？' } },
    ],
    [
      ['start', 'next', 'hello'],
      ['hello', 'next', 'ghost'],
      ['hello', 'sideways', 'askName'],
      ['askName', 'answer', 'crm'],
    ],
  )
}

describe('creating and reading drafts', () => {
  it('creates a draft at revision 1 with no published version and reads it back', async () => {
    const flow = echoFlow('echo')

    const created = await createDraft(flow)
    const read = await readDraft('echo')

    expect(created).toMatchObject({ id: 'echo', revision: 1, latestVersion: null, problems: [] })
    expect(read).toEqual(created)
    expect(read.flow).toMatchObject({ id: 'echo', name: flow.name, nodes: flow.nodes })
  })

  it('lists every draft', async () => {
    await createDraft(echoFlow('first'))
    await createDraft(echoFlow('second'))

    expect(await listFlowIds()).toEqual(['first', 'second'])
  })

  it('lists a flow with its latest published version', async () => {
    await t.publish(echoFlow('echo'))

    const response = await t.request('GET', '/api/flows')

    const { flows } = (await response.json()) as { flows: DraftResponse[] }
    expect(flows).toEqual([expect.objectContaining({ id: 'echo', latestVersion: 1 })])
  })

  it('saves a draft with node-level problems and returns them', async () => {
    const created = await createDraft(flowWithConfigProblem('wip'))

    expect(created.problems).toContainEqual(
      expect.objectContaining({ code: 'config_invalid', severity: 'error', nodeId: 'askName' }),
    )
    expect((await readDraft('wip')).problems).toEqual(created.problems)
  })

  it('refuses a document that is not a flow with 422 flow_invalid and stores nothing', async () => {
    const { nodes: _nodes, ...notAFlow } = echoFlow('not-a-flow')

    const response = await t.request('POST', '/api/flows', notAFlow)

    const error = await expectError(response, 422, 'flow_invalid')
    expect(problemsOf(error)).toContainEqual(
      expect.objectContaining({ code: 'schema', path: ['nodes'] }),
    )
    await expectError(await t.request('GET', '/api/flows/not-a-flow'), 404, 'flow_not_found')
    expect(await listFlowIds()).toEqual([])
  })

  it('refuses to create a flow whose id is taken with 409 flow_exists and keeps the draft', async () => {
    const original = await createDraft(echoFlow('echo'))

    const response = await t.request('POST', '/api/flows', { ...echoFlow('echo'), name: '冒名' })

    await expectError(response, 409, 'flow_exists')
    expect(await readDraft('echo')).toEqual(original)
  })
})

describe('saving drafts', () => {
  it('saves with the current revision and moves to the next revision', async () => {
    await createDraft(echoFlow('echo'))

    const response = await t.request('PUT', '/api/flows/echo', {
      revision: 1,
      flow: { ...echoFlow('echo'), name: '回声流程' },
    })

    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ revision: 2, name: '回声流程' })
    expect(await readDraft('echo')).toMatchObject({ revision: 2, flow: { name: '回声流程' } })
  })

  it('saves a draft with node-level problems and returns them', async () => {
    await createDraft(echoFlow('echo'))

    const response = await t.request('PUT', '/api/flows/echo', {
      revision: 1,
      flow: flowWithConfigProblem('echo'),
    })

    expect(response.status).toBe(200)
    const { problems } = (await response.json()) as DraftResponse
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'config_invalid', nodeId: 'askName' }),
    )
  })

  it('refuses a stale revision with 409 revision_conflict and leaves the draft unchanged', async () => {
    await createDraft(echoFlow('echo'))
    await t.request('PUT', '/api/flows/echo', {
      revision: 1,
      flow: { ...echoFlow('echo'), name: '甲' },
    })
    const before = await readDraft('echo')

    const response = await t.request('PUT', '/api/flows/echo', {
      revision: 1,
      flow: { ...echoFlow('echo'), name: '乙' },
    })

    const error = await expectError(response, 409, 'revision_conflict')
    expect(error.details).toMatchObject({ expectedRevision: 1, currentRevision: 2 })
    expect(await readDraft('echo')).toEqual(before)
  })

  it('refuses a flow whose id differs from the URL with 422 at path flow.id', async () => {
    const before = await createDraft(echoFlow('echo'))

    const response = await t.request('PUT', '/api/flows/echo', {
      revision: 1,
      flow: echoFlow('other'),
    })

    const error = await expectError(response, 422, 'invalid_request')
    expect(problemPaths(error)).toEqual([['flow', 'id']])
    expect(await readDraft('echo')).toEqual(before)
    await expectError(await t.request('GET', '/api/flows/other'), 404, 'flow_not_found')
  })

  it('refuses a document that is not a flow with 422 flow_invalid and keeps the draft', async () => {
    const before = await createDraft(echoFlow('echo'))
    const { nodes: _nodes, ...notAFlow } = echoFlow('echo')

    const response = await t.request('PUT', '/api/flows/echo', { revision: 1, flow: notAFlow })

    const error = await expectError(response, 422, 'flow_invalid')
    expect(problemPaths(error)).toContainEqual(['nodes'])
    expect(await readDraft('echo')).toEqual(before)
  })
})

describe('deleting flows', () => {
  it('answers 204, then the flow is 404 and gone from the list', async () => {
    await createDraft(echoFlow('echo'))
    await createDraft(echoFlow('kept'))

    const response = await t.request('DELETE', '/api/flows/echo')

    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    await expectError(await t.request('GET', '/api/flows/echo'), 404, 'flow_not_found')
    expect(await listFlowIds()).toEqual(['kept'])
  })

  it('lets a running conversation finish on its version', async () => {
    await t.publish(echoFlow('echo'))
    const started = await t.request('POST', '/api/conversations', { flowId: 'echo' })
    const { id } = (await started.json()) as { id: string }

    await t.request('DELETE', '/api/flows/echo')
    const response = await t.request('POST', `/api/conversations/${id}/messages`, {
      text: '还在吗',
    })

    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ messages: [{ text: '收到：还在吗' }] })
  })

  it('refuses new conversations on a deleted flow with 404 flow_not_found', async () => {
    await t.publish(echoFlow('echo'))
    await t.request('DELETE', '/api/flows/echo')

    const response = await t.request('POST', '/api/conversations', { flowId: 'echo' })

    await expectError(response, 404, 'flow_not_found')
  })

  it('hides the versions of a deleted flow from the API', async () => {
    await t.publish(echoFlow('echo'))
    await t.request('DELETE', '/api/flows/echo')

    const response = await t.request('GET', '/api/flows/echo/versions/1')

    await expectError(response, 404, 'flow_not_found')
  })

  it('starts a re-created flow unpublished, numbering its next version after the old ones', async () => {
    await t.publish(echoFlow('echo'))
    await t.request('DELETE', '/api/flows/echo')
    const recreated = await createDraft(echoFlow('echo'))

    const refused = await t.request('POST', '/api/conversations', { flowId: 'echo' })
    const published = await t.request('POST', '/api/flows/echo/publish', {})

    expect(recreated.latestVersion).toBeNull()
    await expectError(refused, 409, 'flow_not_published')
    expect(await published.json()).toMatchObject({ version: 2 })
  })
})

describe('validating', () => {
  it('reports a valid stored draft as valid with no problems', async () => {
    await createDraft(echoFlow('echo'))

    const response = await t.request('POST', '/api/flows/echo/validate')

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ isValid: true, problems: [] })
  })

  it('reports every error of the stored draft', async () => {
    await createDraft(flowWithManyErrors('broken'))

    const response = await t.request('POST', '/api/flows/broken/validate', {})

    const { isValid, problems } = (await response.json()) as {
      isValid: boolean
      problems: Problem[]
    }
    expect(isValid).toBe(false)
    const errors = problems.filter((p) => p.severity === 'error')
    expect(new Set(errors.map((p) => p.code))).toEqual(
      new Set(['unknown_node_type', 'config_invalid', 'edge_unknown_target', 'edge_unknown_port']),
    )
  })

  it('counts a flow with only warnings as valid', async () => {
    const flow = buildFlow(
      'lonely',
      [
        { id: 'start', type: 'start' },
        { id: 'hello', type: 'reply', config: { text: '您好' } },
        { id: 'orphan', type: 'reply', config: { text: '没人来这里' } },
      ],
      [['start', 'next', 'hello']],
    )
    await createDraft(flow)

    const response = await t.request('POST', '/api/flows/lonely/validate')

    expect(await response.json()).toEqual({
      isValid: true,
      problems: [expect.objectContaining({ code: 'unreachable_node', severity: 'warning' })],
    })
  })

  it('validates a flow sent in the body without saving it', async () => {
    const before = await createDraft(echoFlow('echo'))

    const response = await t.request('POST', '/api/flows/echo/validate', {
      flow: flowWithConfigProblem('echo'),
    })

    expect(await response.json()).toMatchObject({
      isValid: false,
      problems: [expect.objectContaining({ code: 'config_invalid', nodeId: 'askName' })],
    })
    expect(await readDraft('echo')).toEqual(before)
  })
})

describe('publishing', () => {
  it('publishes a valid draft as version 1 with 201', async () => {
    await createDraft(echoFlow('echo'))

    const response = await t.request('POST', '/api/flows/echo/publish', { note: '首次上线' })

    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({
      flowId: 'echo',
      version: 1,
      note: '首次上线',
      publishedAt: expect.any(String),
      problems: [],
    })
    expect(await readDraft('echo')).toMatchObject({ latestVersion: 1 })
  })

  it('publishes without a body', async () => {
    await createDraft(echoFlow('echo'))

    const response = await t.request('POST', '/api/flows/echo/publish')

    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ version: 1, note: '' })
  })

  it('refuses a draft with errors with 422 flow_invalid listing every error, and creates no version', async () => {
    await createDraft(flowWithManyErrors('broken'))

    const response = await t.request('POST', '/api/flows/broken/publish', {})

    const error = await expectError(response, 422, 'flow_invalid')
    const problems = problemsOf(error)
    expect(new Set(problems.map((p) => p.code))).toEqual(
      new Set(['unknown_node_type', 'config_invalid', 'edge_unknown_target', 'edge_unknown_port']),
    )
    expect(problems.every((p) => p.severity === 'error')).toBe(true)
    expect(await listVersions('broken')).toEqual([])
    expect(await readDraft('broken')).toMatchObject({ latestVersion: null })
  })

  it('numbers versions 1 and 2 and lists them newest first', async () => {
    await createDraft(echoFlow('echo'))

    await t.request('POST', '/api/flows/echo/publish', { note: '第一版' })
    await t.request('POST', '/api/flows/echo/publish', { note: '第二版' })

    expect(await listVersions('echo')).toEqual([
      { flowId: 'echo', version: 2, note: '第二版', publishedAt: expect.any(String) },
      { flowId: 'echo', version: 1, note: '第一版', publishedAt: expect.any(String) },
    ])
  })

  it('keeps a published version unchanged when the draft is saved afterwards', async () => {
    await createDraft(echoFlow('echo'))
    await t.request('POST', '/api/flows/echo/publish', {})
    const published = await (await t.request('GET', '/api/flows/echo/versions/1')).json()

    await t.request('PUT', '/api/flows/echo', {
      revision: 1,
      flow: { ...echoFlow('echo'), name: '改过的草稿' },
    })
    const response = await t.request('GET', '/api/flows/echo/versions/1')

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(published)
    expect((published as FlowVersion).flow.name).toBe(echoFlow('echo').name)
  })

  it('fills node config defaults into the version while the draft keeps configs as written', async () => {
    await createDraft(echoFlow('echo'))
    await t.request('POST', '/api/flows/echo/publish', {})

    const version = (await (
      await t.request('GET', '/api/flows/echo/versions/1')
    ).json()) as FlowVersion
    const draft = await readDraft('echo')

    const askIn = (flow: FlowVersion['flow']) =>
      flow.nodes.find((n) => n.id === 'listen')?.data.config
    expect(askIn(version.flow)).toMatchObject({ variable: 'said', answerType: 'text' })
    expect(askIn(draft.flow)).not.toHaveProperty('answerType')
  })

  it('refuses with 409 revision_conflict when the revision in the body is stale', async () => {
    await createDraft(echoFlow('echo'))
    await t.request('PUT', '/api/flows/echo', { revision: 1, flow: echoFlow('echo') })

    const response = await t.request('POST', '/api/flows/echo/publish', { revision: 1 })

    await expectError(response, 409, 'revision_conflict')
    expect(await listVersions('echo')).toEqual([])
  })

  it('checks the revision of a publish body sent without a content type', async () => {
    await createDraft(echoFlow('echo'))
    await t.request('PUT', '/api/flows/echo', { revision: 1, flow: echoFlow('echo') })

    const response = await t.app.request('/api/flows/echo/publish', {
      method: 'POST',
      headers: { authorization: `Bearer ${testToken}` },
      body: JSON.stringify({ revision: 1 }),
    })

    await expectError(response, 409, 'revision_conflict')
  })

  it('answers 404 version_not_found for a version never published', async () => {
    await t.publish(echoFlow('echo'))

    const response = await t.request('GET', '/api/flows/echo/versions/2')

    await expectError(response, 404, 'version_not_found')
  })

  it.each(['abc', '1.5', '0', '-1'])(
    'answers 422 invalid_request for the version %j, which is not a version number',
    async (version) => {
      await t.publish(echoFlow('echo'))

      const response = await t.request('GET', `/api/flows/echo/versions/${version}`)

      await expectError(response, 422, 'invalid_request')
    },
  )
})
