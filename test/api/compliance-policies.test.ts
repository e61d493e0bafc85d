import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PolicySummary, StoredPolicy } from '../../runtime/compliance/index.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError, problemPaths } from './expect-error.ts'

let t: TestApp

beforeEach(() => {
  t = createTestApp()
})

afterEach(() => t.close())

const ownPolicy = {
  id: 'acme-bank',
  name: 'Acme 银行',
  industry: 'finance',
  rules: [
    { id: 'pii', kind: 'pii', types: ['idCard', 'bankCard'], action: 'mask' },
    { id: 'promises', kind: 'terms', terms: ['保本', 'guaranteed return'], action: 'block' },
  ],
}

async function createPolicy(body: unknown = ownPolicy): Promise<StoredPolicy> {
  const response = await t.request('POST', '/api/compliance/policies', body)
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as StoredPolicy
}

function flowChoosing(flowId: string, policyId: string) {
  return buildFlow(
    flowId,
    [
      { id: 'start', type: 'start' },
      { id: 'hi', type: 'reply', config: { text: '您好' } },
    ],
    [['start', 'next', 'hi']],
    { settings: { compliancePolicy: policyId } },
  )
}

describe('compliance policies API', () => {
  it('lists the built-in presets, read-only, before the workspace policies', async () => {
    await createPolicy()

    const response = await t.request('GET', '/api/compliance/policies')

    const { policies } = (await response.json()) as { policies: PolicySummary[] }
    expect(policies.map((p) => [p.id, p.isBuiltIn])).toEqual([
      ['general', true],
      ['finance', true],
      ['healthcare', true],
      ['ecommerce', true],
      ['acme-bank', false],
    ])
  })

  it('creates a policy with defaults filled and reads it back', async () => {
    const created = await createPolicy()

    const read = await t.request('GET', '/api/compliance/policies/acme-bank')

    expect(created.policy.safeReply['zh-CN']).not.toBe('')
    expect(await read.json()).toMatchObject({
      policy: { id: 'acme-bank', rules: [{ id: 'pii' }, { id: 'promises' }] },
      isBuiltIn: false,
      revision: 1,
      usedBy: [],
    })
  })

  it('refuses an invalid policy with 422 and the path of every problem', async () => {
    const response = await t.request('POST', '/api/compliance/policies', {
      id: 'bad',
      name: '',
      rules: [
        { id: 'x', kind: 'pii', types: ['passport'] },
        { id: 'y', kind: 'maxLength', maxChars: 0 },
        { id: 'z', kind: 'nonsense' },
      ],
    })

    const error = await expectError(response, 422, 'invalid_request')
    expect(problemPaths(error)).toEqual(
      expect.arrayContaining([
        ['name'],
        ['rules', 0, 'types', 0],
        ['rules', 1, 'maxChars'],
        ['rules', 2, 'kind'],
      ]),
    )
    await expectError(
      await t.request('GET', '/api/compliance/policies/bad'),
      404,
      'policy_not_found',
    )
  })

  it('refuses a second policy with the same id, or with a preset id', async () => {
    await createPolicy()

    await expectError(
      await t.request('POST', '/api/compliance/policies', ownPolicy),
      409,
      'policy_exists',
    )
    await expectError(
      await t.request('POST', '/api/compliance/policies', { ...ownPolicy, id: 'finance' }),
      409,
      'policy_exists',
    )
  })

  it('saves a new revision with PUT and refuses a body naming another id', async () => {
    await createPolicy()

    const saved = await t.request('PUT', '/api/compliance/policies/acme-bank', {
      ...ownPolicy,
      name: '新名字',
    })
    const mismatched = await t.request('PUT', '/api/compliance/policies/acme-bank', {
      ...ownPolicy,
      id: 'other',
    })

    expect(await saved.json()).toMatchObject({ policy: { name: '新名字' }, revision: 2 })
    expect(problemPaths(await expectError(mismatched, 422, 'invalid_request'))).toEqual([['id']])
  })

  it('keeps presets read-only: PUT and DELETE answer 409', async () => {
    const put = await t.request('PUT', '/api/compliance/policies/finance', {
      id: 'finance',
      name: 'x',
    })
    const del = await t.request('DELETE', '/api/compliance/policies/finance')

    await expectError(put, 409, 'policy_read_only')
    await expectError(del, 409, 'policy_read_only')
  })

  it('copies a preset under a new id, which can then be edited', async () => {
    const copied = await t.request('POST', '/api/compliance/policies/healthcare/copy', {
      id: 'clinic',
    })

    const body = (await copied.json()) as StoredPolicy
    expect(copied.status).toBe(201)
    expect(body.policy.rules.map((r) => r.id)).toContain('medical-disclaimer')
    const saved = await t.request('PUT', '/api/compliance/policies/clinic', {
      ...body.policy,
      name: '诊所',
    })
    expect(saved.status).toBe(200)
  })

  it('refuses to delete a policy a flow chooses (409, naming the flow) and keeps it', async () => {
    await createPolicy()
    await t.publish(flowChoosing('bank-flow', 'acme-bank'))

    const response = await t.request('DELETE', '/api/compliance/policies/acme-bank')

    const error = await expectError(response, 409, 'policy_in_use')
    expect(error.details).toMatchObject({ flows: ['bank-flow'] })
    expect((await t.request('GET', '/api/compliance/policies/acme-bank')).status).toBe(200)
  })

  it('refuses to delete a policy a compliance node of a draft names', async () => {
    await createPolicy()
    const flow = buildFlow(
      'screening',
      [
        { id: 'start', type: 'start' },
        { id: 'check', type: 'compliance', config: { policy: 'acme-bank' } },
      ],
      [['start', 'next', 'check']],
    )
    await t.request('POST', '/api/flows', flow)

    const response = await t.request('DELETE', '/api/compliance/policies/acme-bank')

    const error = await expectError(response, 409, 'policy_in_use')
    expect(error.details).toMatchObject({ flows: ['screening'] })
  })

  it('deletes a policy no flow chooses', async () => {
    await createPolicy()

    const response = await t.request('DELETE', '/api/compliance/policies/acme-bank')

    expect(response.status).toBe(204)
    await expectError(
      await t.request('DELETE', '/api/compliance/policies/acme-bank'),
      404,
      'policy_not_found',
    )
  })

  it('tries a policy on a text without recording anything', async () => {
    const response = await t.request('POST', '/api/compliance/policies/finance/try', {
      text: '稳赚不赔，卡号6222021234567890128',
    })

    expect(await response.json()).toMatchObject({
      isBlocked: true,
      rules: ['finance-promises', 'pii'],
    })
    const events = await t.request('GET', '/api/compliance/events')
    expect(await events.json()).toEqual({ events: [], nextCursor: null })
  })

  it('refuses bad event filters with 422', async () => {
    const response = await t.request('GET', '/api/compliance/events?limit=0&from=yesterday')

    const error = await expectError(response, 422, 'invalid_request')
    expect(problemPaths(error)).toEqual([['from'], ['limit']].sort())
  })
})

describe('publish gate', () => {
  it('refuses a flow whose static reply the policy would block, with a problem per node', async () => {
    const flow = buildFlow(
      'fund',
      [
        { id: 'start', type: 'start' },
        { id: 'pitch', type: 'reply', config: { text: '本基金保本保息，{{ user.name }}放心买' } },
        {
          id: 'ask',
          type: 'ask',
          config: { question: 'Want a guaranteed return?', variable: 'x' },
        },
      ],
      [
        ['start', 'next', 'pitch'],
        ['pitch', 'next', 'ask'],
      ],
      { settings: { compliancePolicy: 'finance' }, variables: [{ name: 'x', type: 'string' }] },
    )
    await t.request('POST', '/api/flows', flow)

    const response = await t.request('POST', '/api/flows/fund/publish', {})

    const error = await expectError(response, 422, 'flow_invalid')
    expect(error.details).toMatchObject({
      problems: [
        {
          code: 'compliance_blocked',
          nodeId: 'pitch',
          path: ['nodes', 1, 'data', 'config', 'text'],
        },
        {
          code: 'compliance_blocked',
          nodeId: 'ask',
          path: ['nodes', 2, 'data', 'config', 'question'],
        },
      ],
    })
    expect(await (await t.request('GET', '/api/flows/fund/versions')).json()).toEqual({
      versions: [],
    })
  })

  it('publishes a flow whose texts the policy would only mask or add a disclaimer to', async () => {
    const flow = buildFlow(
      'fund-ok',
      [
        { id: 'start', type: 'start' },
        { id: 'info', type: 'reply', config: { text: '本基金不保本，客服电话13812345678' } },
      ],
      [['start', 'next', 'info']],
      { settings: { compliancePolicy: 'finance' } },
    )

    expect(await t.publish(flow)).toBe(1)
  })

  it('refuses a flow whose compliance node names a policy that does not exist', async () => {
    const flow = buildFlow(
      'screen-lost',
      [
        { id: 'start', type: 'start' },
        { id: 'check', type: 'compliance', config: { policy: 'gone' } },
      ],
      [['start', 'next', 'check']],
    )
    await t.request('POST', '/api/flows', flow)

    const response = await t.request('POST', '/api/flows/screen-lost/publish', {})

    const error = await expectError(response, 422, 'flow_invalid')
    expect(error.details).toMatchObject({
      problems: [
        {
          code: 'compliance_policy_unknown',
          nodeId: 'check',
          path: ['nodes', 1, 'data', 'config', 'policy'],
        },
      ],
    })
  })

  it('refuses a flow that chooses a policy that does not exist', async () => {
    await t.request('POST', '/api/flows', flowChoosing('lost', 'no-such-policy'))

    const response = await t.request('POST', '/api/flows/lost/publish', {})

    const error = await expectError(response, 422, 'flow_invalid')
    expect(error.details).toMatchObject({
      problems: [{ code: 'compliance_policy_unknown', path: ['settings', 'compliancePolicy'] }],
    })
  })
})
