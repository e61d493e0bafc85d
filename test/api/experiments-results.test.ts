import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Experiment, ExperimentResults } from '../../shared/index.ts'
import { solvedText, unsolvedText } from '../support/experiment-flow.ts'
import type { TestApp } from '../support/test-app.ts'
import { expectError, problemPaths } from './expect-error.ts'
import { experimentTestApp } from './experiment-support.ts'

const flowId = 'experiment-demo'

let t: TestApp

beforeEach(async () => {
  t = await experimentTestApp(flowId)
})

afterEach(() => t.close())

async function createAndStart(overrides: Record<string, unknown> = {}): Promise<Experiment> {
  const created = await t.request('POST', '/api/experiments', {
    flowId,
    name: '问候语实验',
    variants: [
      { name: 'A', version: 1, weight: 50 },
      { name: 'B', version: 2, weight: 50 },
    ],
    minConversations: 10,
    ...overrides,
  })
  expect(created.status, await created.clone().text()).toBe(201)
  const { id } = (await created.json()) as Experiment
  return (await (await t.request('POST', `/api/experiments/${id}/start`)).json()) as Experiment
}

/** Starts a conversation and lets `act` answer it according to its variant. */
async function converse(
  customerId: string,
  act: (variant: string, conversationId: string) => Promise<void>,
): Promise<string> {
  const started = (await (
    await t.request('POST', '/api/conversations', { flowId, customerId })
  ).json()) as { id: string }
  const { variant } = await t.conversations.get(started.id)
  if (variant === null) throw new Error('the conversation was not assigned')
  await act(variant, started.id)
  return variant
}

const say = (conversationId: string, text: string) =>
  t.request('POST', `/api/conversations/${conversationId}/messages`, { text })

async function results(experimentId: string): Promise<ExperimentResults> {
  const response = await t.request('GET', `/api/experiments/${experimentId}/results`)
  expect(response.status).toBe(200)
  return (await response.json()) as ExperimentResults
}

describe('experiment results', () => {
  it('computes each variant KPI by the DESIGN §10 definitions on hand-made conversations', async () => {
    const experiment = await createAndStart()
    const made = { A: { n: 0, converted: 0 }, B: { n: 0, answered: 0 } }
    for (let i = 0; i < 16; i++) {
      await converse(`customer-${i}`, async (variant, id) => {
        if (variant === 'A') {
          made.A.n++
          await say(id, solvedText)
          if (made.A.converted < 2) {
            made.A.converted++
            await t.request('POST', `/api/conversations/${id}/events`, {
              type: 'conversion',
              name: 'order_paid',
              value: 100,
            })
          }
        } else {
          made.B.n++
          // Every other B customer leaves without answering: open, not closed.
          if (made.B.n % 2 === 0) {
            made.B.answered++
            await say(id, unsolvedText)
          }
        }
      })
    }

    const { variants, comparisons, decision } = await results(experiment.id)

    const [a, b] = variants
    expect(a?.conversations).toBe(made.A.n)
    expect(a?.kpis.automationResolutionRate).toMatchObject({ estimate: 1, sampleSize: made.A.n })
    expect(a?.kpis.conversionRate.estimate).toBeCloseTo(made.A.converted / made.A.n, 12)
    expect(a?.kpis.conversionValuePerConversation.estimate).toBeCloseTo(
      (100 * made.A.converted) / made.A.n,
      12,
    )
    expect(a?.kpis.turnsPerConversation.estimate).toBe(2)
    expect(b?.conversations).toBe(made.B.n)
    // Resolution counts closed conversations only: the silent half is not in the denominator.
    expect(b?.kpis.automationResolutionRate).toMatchObject({
      estimate: 0,
      sampleSize: made.B.answered,
    })
    expect(b?.kpis.turnsPerConversation.estimate).toBeCloseTo(
      (2 * made.B.answered + (made.B.n - made.B.answered)) / made.B.n,
      12,
    )
    expect(b?.kpis.tokensPerConversation.estimate).toBe(0)
    expect(comparisons.map((c) => c.kpi)).toContain('firstResponseMs')
    expect(decision.status).toBe('collecting')
  })

  it('stops a running experiment when a variant is worse on a guardrail by the margin', async () => {
    const experiment = await createAndStart({
      guardrails: [{ kpi: 'automationResolutionRate', margin: 0.1 }],
    })
    for (let i = 0; i < 80; i++) {
      await converse(`customer-${i}`, (variant, id) =>
        say(id, variant === 'A' ? solvedText : unsolvedText).then(() => undefined),
      )
    }

    const read = await results(experiment.id)
    const after = await t.request('POST', '/api/conversations', { flowId, customerId: 'late' })

    expect(read.experiment).toMatchObject({
      status: 'stopped',
      stopReason: 'guardrail',
      stopDetail: { variant: 'B', kpi: 'automationResolutionRate', margin: 0.1, difference: -1 },
    })
    const late = (await after.json()) as { id: string }
    expect((await t.conversations.get(late.id)).variant).toBeNull()
  })

  it('lets the periodic check stop an experiment nobody is looking at', async () => {
    const experiment = await createAndStart({
      guardrails: [{ kpi: 'automationResolutionRate', margin: 0.1 }],
    })
    for (let i = 0; i < 80; i++) {
      await converse(`customer-${i}`, (variant, id) =>
        say(id, variant === 'A' ? solvedText : unsolvedText).then(() => undefined),
      )
    }

    const stopped = await t.experiments.enforceGuardrails()

    expect(stopped).toEqual([experiment.id])
    expect((await t.experiments.store.get(experiment.id)).stopReason).toBe('guardrail')
  })

  it('keeps running while the difference is within the guardrail margin', async () => {
    const experiment = await createAndStart({
      guardrails: [{ kpi: 'automationResolutionRate', margin: 0.1 }],
    })
    for (let i = 0; i < 30; i++) {
      await converse(`customer-${i}`, (_variant, id) => say(id, solvedText).then(() => undefined))
    }

    const read = await results(experiment.id)

    expect(read.experiment.status).toBe('running')
    expect(read.guardrailBreaches).toEqual([])
  })
})

describe('promoting a variant', () => {
  it('republishes the variant as the new latest version with a note, stops the experiment and audits it', async () => {
    const experiment = await createAndStart()

    const response = await t.request('POST', `/api/experiments/${experiment.id}/promote`, {
      variant: 'B',
    })

    expect(response.status).toBe(200)
    const promoted = (await response.json()) as { version: number; experiment: Experiment }
    expect(promoted).toMatchObject({
      version: 4,
      isRepublished: true,
      experiment: { status: 'stopped', stopReason: 'promoted', promotedVariant: 'B' },
    })
    const version4 = (await (await t.request('GET', `/api/flows/${flowId}/versions/4`)).json()) as {
      note: string
      flow: unknown
    }
    const version2 = (await (await t.request('GET', `/api/flows/${flowId}/versions/2`)).json()) as {
      flow: unknown
    }
    expect(version4.note).toContain('问候语实验')
    expect(version4.flow).toEqual(version2.flow)
    const next = (await (
      await t.request('POST', '/api/conversations', { flowId, customerId: 'after' })
    ).json()) as { id: string; messages: { text: string }[] }
    expect(await t.conversations.get(next.id)).toMatchObject({ flowVersion: 4, variant: null })
    const [audited] = t.auditLog.list({ action: 'experiment.promote', limit: 10 })
    expect(audited).toMatchObject({ target: `flow:${flowId}`, status: 200 })
  })

  it('does not republish a variant that already is the latest version', async () => {
    const experiment = await createAndStart({
      variants: [
        { name: 'A', version: 1, weight: 50 },
        { name: 'C', version: 3, weight: 50 },
      ],
    })

    const response = await t.request('POST', `/api/experiments/${experiment.id}/promote`, {
      variant: 'C',
    })

    expect(await response.json()).toMatchObject({ version: 3, isRepublished: false })
    expect(await t.flows.latestVersionOf(flowId)).toBe(3)
  })

  it('publishes once when two promotions race: a different variant gets a conflict', async () => {
    const experiment = await createAndStart()

    const responses = await Promise.all(
      ['A', 'B'].map((variant) =>
        t.request('POST', `/api/experiments/${experiment.id}/promote`, { variant }),
      ),
    )

    const statuses = responses.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409])
    const winner = responses.find((r) => r.status === 200)
    const loser = responses.find((r) => r.status === 409)
    const body = (await winner?.json()) as { version: number; experiment: Experiment }
    if (loser) await expectError(loser, 409, 'experiment_conflict')
    expect(body.version).toBe(4)
    expect(await t.flows.latestVersionOf(flowId)).toBe(4)
    expect((await t.request('GET', `/api/flows/${flowId}/versions/5`)).status).toBe(404)
    const stored = (await (
      await t.request('GET', `/api/experiments/${experiment.id}`)
    ).json()) as Experiment
    expect(stored).toMatchObject({
      promotedVariant: body.experiment.promotedVariant,
      promotedVersion: 4,
    })
  })

  it('answers a repeated promotion of the same variant with the stored result, also when raced', async () => {
    const experiment = await createAndStart()

    const raced = await Promise.all(
      [1, 2].map(() =>
        t.request('POST', `/api/experiments/${experiment.id}/promote`, { variant: 'B' }),
      ),
    )
    const later = await t.request('POST', `/api/experiments/${experiment.id}/promote`, {
      variant: 'B',
    })

    for (const response of [...raced, later]) {
      expect(response.status, await response.clone().text()).toBe(200)
      expect(await response.json()).toMatchObject({
        version: 4,
        isRepublished: true,
        experiment: { promotedVariant: 'B', promotedVersion: 4 },
      })
    }
    expect(await t.flows.latestVersionOf(flowId)).toBe(4)
  })

  it('refuses an unknown variant and a second promotion', async () => {
    const experiment = await createAndStart()

    const unknown = await t.request('POST', `/api/experiments/${experiment.id}/promote`, {
      variant: 'Z',
    })
    await t.request('POST', `/api/experiments/${experiment.id}/promote`, { variant: 'A' })
    const again = await t.request('POST', `/api/experiments/${experiment.id}/promote`, {
      variant: 'B',
    })

    expect(problemPaths(await expectError(unknown, 422, 'invalid_request'))).toEqual([['variant']])
    await expectError(again, 409, 'experiment_conflict')
    expect(await t.flows.latestVersionOf(flowId)).toBe(4)
  })
})
