import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Experiment } from '../../shared/index.ts'
import { experimentFlow } from '../support/experiment-flow.ts'
import type { TestApp } from '../support/test-app.ts'
import { expectError, problemPaths } from './expect-error.ts'
import { experimentTestApp } from './experiment-support.ts'
import { readSseJson } from './sse.ts'

const flowId = 'experiment-demo'

interface Started {
  id: string
  messages: { text: string }[]
}

let t: TestApp

beforeEach(async () => {
  t = await experimentTestApp(flowId)
})

afterEach(() => t.close())

function experimentBody(overrides: Record<string, unknown> = {}) {
  return {
    flowId,
    name: '问候语实验',
    variants: [
      { name: 'A', version: 1, weight: 50 },
      { name: 'B', version: 2, weight: 50 },
    ],
    ...overrides,
  }
}

async function createAndStart(overrides: Record<string, unknown> = {}): Promise<Experiment> {
  const created = await t.request('POST', '/api/experiments', experimentBody(overrides))
  expect(created.status, await created.clone().text()).toBe(201)
  const { id } = (await created.json()) as Experiment
  const started = await t.request('POST', `/api/experiments/${id}/start`)
  expect(started.status).toBe(200)
  return (await started.json()) as Experiment
}

async function startConversation(customerId?: string) {
  const response = await t.request('POST', '/api/conversations', { flowId, customerId })
  expect(response.status).toBe(201)
  const started = (await response.json()) as Started
  const conversation = await t.conversations.get(started.id)
  return { ...started, conversation }
}

describe('creating experiments', () => {
  it('creates a draft with the defaults and the planned sample size', async () => {
    const response = await t.request('POST', '/api/experiments', experimentBody())

    expect(response.status).toBe(201)
    const body = (await response.json()) as Experiment & {
      plannedSampleSize: { perVariant: number; fixedHorizonPerVariant: number }
    }
    expect(body).toMatchObject({
      status: 'draft',
      primaryKpi: 'automationResolutionRate',
      alpha: 0.05,
      power: 0.8,
      mde: 0.05,
      createdBy: expect.any(String),
    })
    expect(body.plannedSampleSize.fixedHorizonPerVariant).toBe(1248)
    expect(body.plannedSampleSize.perVariant).toBeGreaterThan(1248)
  })

  it('refuses a variant whose version was never published, naming the field', async () => {
    const response = await t.request(
      'POST',
      '/api/experiments',
      experimentBody({
        variants: [
          { name: 'A', version: 1, weight: 50 },
          { name: 'B', version: 9, weight: 50 },
        ],
      }),
    )

    const error = await expectError(response, 422, 'invalid_request')
    expect(problemPaths(error)).toEqual([['variants', 1, 'version']])
    expect(await t.experiments.store.list()).toEqual([])
  })

  it('refuses one variant, repeated names and a single weighted variant', async () => {
    const oneVariant = await t.request(
      'POST',
      '/api/experiments',
      experimentBody({ variants: [{ name: 'A', version: 1, weight: 50 }] }),
    )
    const sameName = await t.request(
      'POST',
      '/api/experiments',
      experimentBody({
        variants: [
          { name: 'A', version: 1, weight: 50 },
          { name: 'A', version: 2, weight: 50 },
        ],
      }),
    )
    const oneWeighted = await t.request(
      'POST',
      '/api/experiments',
      experimentBody({
        variants: [
          { name: 'A', version: 1, weight: 100 },
          { name: 'B', version: 2, weight: 0 },
        ],
      }),
    )

    expect(problemPaths(await expectError(oneVariant, 422, 'invalid_request'))).toEqual([
      ['variants'],
    ])
    expect(problemPaths(await expectError(sameName, 422, 'invalid_request'))).toEqual([
      ['variants', 1, 'name'],
    ])
    expect(problemPaths(await expectError(oneWeighted, 422, 'invalid_request'))).toEqual([
      ['variants'],
    ])
  })

  it('answers 404 for an unknown flow and an unknown experiment', async () => {
    const unknownFlow = await t.request(
      'POST',
      '/api/experiments',
      experimentBody({ flowId: 'nowhere' }),
    )
    const unknownExperiment = await t.request('GET', '/api/experiments/nope/results')

    await expectError(unknownFlow, 404, 'flow_not_found')
    await expectError(unknownExperiment, 404, 'experiment_not_found')
  })

  it('lists experiments per flow', async () => {
    await createAndStart()

    const response = await t.request('GET', `/api/experiments?flowId=${flowId}`)
    const other = await t.request('GET', '/api/experiments?flowId=other')

    expect(((await response.json()) as { experiments: Experiment[] }).experiments).toHaveLength(1)
    expect(((await other.json()) as { experiments: Experiment[] }).experiments).toEqual([])
  })

  it('estimates sample sizes up front from query parameters', async () => {
    const response = await t.request(
      'GET',
      '/api/statistics/sample-size?baseline=0.7&mde=0.05&weights=50,50',
    )
    const bad = await t.request('GET', '/api/statistics/sample-size?weights=100')
    const oneLive = await t.request('GET', '/api/statistics/sample-size?weights=100,0')

    expect(await response.json()).toMatchObject({ fixedHorizonPerVariant: 1248 })
    expect(problemPaths(await expectError(bad, 422, 'invalid_request'))).toEqual([['weights']])
    expect(problemPaths(await expectError(oneLive, 422, 'invalid_request'))).toEqual([['weights']])
  })
})

describe('assigning conversations', () => {
  it('starts conversations of a running experiment on their variant, visible as sys.variant', async () => {
    const experiment = await createAndStart()

    const started = await startConversation('customer-1')

    const { variant, experimentId, flowVersion } = started.conversation
    expect(experimentId).toBe(experiment.id)
    expect(['A', 'B']).toContain(variant)
    expect(flowVersion).toBe(variant === 'A' ? 1 : 2)
    expect(started.messages[0]?.text).toBe(`[${variant}] ${variant === 'A' ? '您好' : '欢迎光临'}`)
  })

  it('assigns conversations started as a stream (SSE) and through a channel API key too', async () => {
    const experiment = await createAndStart()

    const streamed = await t.request(
      'POST',
      '/api/conversations',
      { flowId, customerId: 'stream-customer' },
      { accept: 'text/event-stream' },
    )
    const viaKey = await t.requestWithApiKey([flowId])('POST', '/api/conversations', {
      flowId,
      customerId: 'stream-customer',
      channel: 'web',
    })

    const events = await readSseJson(streamed)
    const done = events.at(-1)?.data as { conversationId: string }
    const first = await t.conversations.get(done.conversationId)
    const second = await t.conversations.get(((await viaKey.json()) as Started).id)
    expect(first.experimentId).toBe(experiment.id)
    expect(second).toMatchObject({ experimentId: experiment.id, variant: first.variant })
  })

  it('stops the experiments of a deleted flow: a re-created flow of that id runs its own version', async () => {
    const experiment = await createAndStart()

    expect((await t.request('DELETE', `/api/flows/${flowId}`)).status).toBe(204)
    const version = await t.publish(experimentFlow(flowId, '新流程'))
    const started = await startConversation('customer-after-delete')

    expect(version).toBe(4)
    expect(started.conversation).toMatchObject({
      flowVersion: 4,
      experimentId: null,
      variant: null,
    })
    expect(started.messages[0]?.text).toContain('新流程')
    const read = await t.request('GET', `/api/experiments/${experiment.id}`)
    expect(await read.json()).toMatchObject({ status: 'stopped', stopReason: 'flow_deleted' })
  })

  it('stops, as a safety net, the experiments of a flow deleted without the hook', async () => {
    const experiment = await createAndStart()
    await t.flows.delete(flowId)

    const stopped = await t.experiments.stopForDeletedFlows()

    expect(stopped).toEqual([experiment.id])
    expect(await t.experiments.store.get(experiment.id)).toMatchObject({
      status: 'stopped',
      stopReason: 'flow_deleted',
    })
    expect(await t.experiments.stopForDeletedFlows()).toEqual([])
  })

  it('keeps a returning customer on the same variant', async () => {
    await createAndStart()

    const variants = new Set<string | null>()
    for (let i = 0; i < 5; i++)
      variants.add((await startConversation('loyal')).conversation.variant)

    expect(variants.size).toBe(1)
  })

  it('splits customers between the variants by weight', async () => {
    await createAndStart({
      variants: [
        { name: 'A', version: 1, weight: 20 },
        { name: 'B', version: 2, weight: 80 },
      ],
    })

    let countB = 0
    for (let i = 0; i < 200; i++) {
      if ((await startConversation(`c-${i}`)).conversation.variant === 'B') countB++
    }

    // Binomial(200, 0.8): mean 160, sd 5.7; ±4 sd. The 10,000-assignment check is a unit test.
    expect(countB).toBeGreaterThan(137)
    expect(countB).toBeLessThan(183)
  })

  it('starts on the latest version without a variant while paused, and assigns again on resume', async () => {
    const experiment = await createAndStart()
    await t.request('POST', `/api/experiments/${experiment.id}/pause`)

    const paused = await startConversation('customer-1')
    await t.request('POST', `/api/experiments/${experiment.id}/start`)
    const resumed = await startConversation('customer-1')

    expect(paused.conversation).toMatchObject({ variant: null, experimentId: null, flowVersion: 3 })
    expect(resumed.conversation.experimentId).toBe(experiment.id)
  })

  it('runs one experiment per flow at a time', async () => {
    const first = await createAndStart()
    const second = (await (
      await t.request('POST', '/api/experiments', experimentBody({ name: '第二个' }))
    ).json()) as Experiment

    const refused = await t.request('POST', `/api/experiments/${second.id}/start`)

    const error = await expectError(refused, 409, 'experiment_conflict')
    expect(error.details).toMatchObject({ runningExperimentId: first.id })
  })

  it('cannot start a stopped experiment again', async () => {
    const experiment = await createAndStart()
    await t.request('POST', `/api/experiments/${experiment.id}/stop`)

    const refused = await t.request('POST', `/api/experiments/${experiment.id}/start`)
    const afterStop = await startConversation('customer-1')

    await expectError(refused, 409, 'experiment_conflict')
    expect(afterStop.conversation.variant).toBeNull()
  })
})

describe('roles', () => {
  it('lets analysts read results but not run experiments', async () => {
    const experiment = await createAndStart()
    const analyst = t.requestAs('analyst')

    const results = await analyst('GET', `/api/experiments/${experiment.id}/results`)
    const stop = await analyst('POST', `/api/experiments/${experiment.id}/stop`)

    expect(results.status).toBe(200)
    await expectError(stop, 403, 'forbidden')
  })

  it('lets designers run experiments', async () => {
    const designer = t.requestAs('designer')

    const created = await designer('POST', '/api/experiments', experimentBody())

    expect(created.status).toBe(201)
  })
})
