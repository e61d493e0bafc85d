import { describe, expect, it } from 'vitest'
import {
  type ComplianceCheckRequest,
  type ComplianceService,
  checkText,
  presetFor,
  testContext,
} from '../../shared/index.ts'
import compliance from './index.ts'

/** The preset policies without a store: what the runtime's service does, minus recording. */
function presetService(): ComplianceService & { requests: ComplianceCheckRequest[] } {
  const requests: ComplianceCheckRequest[] = []
  return {
    requests,
    async check(request) {
      requests.push(request)
      const outcome = checkText(presetFor(request.policyId), request.text, {
        locale: request.locale,
        skipRuleKinds: new Set(['disclaimer']),
      })
      return { ...outcome, rules: outcome.findings.map((f) => f.ruleId) }
    },
  }
}

describe('compliance node', () => {
  it("takes pass when the customer's message breaks no rule", async () => {
    const ctx = testContext({ text: '我想查一下订单', compliance: presetService() })

    const result = await compliance.run(ctx, compliance.config.parse({ policy: 'finance' }))

    expect(result).toEqual({
      port: 'pass',
      output: { rules: [], findings: [], isBlocked: false, text: '我想查一下订单' },
    })
  })

  it('takes violation and lists the rules that fired', async () => {
    const ctx = testContext({
      text: '你们保证稳赚吗？我的手机13812345678',
      compliance: presetService(),
    })

    const result = await compliance.run(ctx, compliance.config.parse({ policy: 'finance' }))

    expect(result).toMatchObject({
      port: 'violation',
      output: { rules: ['finance-promises', 'pii'], isBlocked: true, text: null },
    })
  })

  it('stores the checked text with personal data masked in the chosen variable', async () => {
    const ctx = testContext({
      text: '身份证11010519491231002X',
      compliance: presetService(),
      declaredVariables: { safe: 'string' },
    })

    await compliance.run(ctx, compliance.config.parse({ maskedVariable: 'safe' }))

    expect(ctx.effects.variables.get('safe')).toBe('身份证1****************X')
  })

  it('checks a rendered template and says where the check ran', async () => {
    const service = presetService()
    const ctx = testContext({
      vars: { note: '订单备注' },
      sys: { conversationId: 'c1', flowId: 'f1' },
      compliance: service,
    })

    await compliance.run(ctx, compliance.config.parse({ text: '备注：{{ vars.note }}' }))

    expect(service.requests).toEqual([
      {
        text: '备注：订单备注',
        policyId: 'general',
        locale: 'zh-CN',
        nodeId: 'node1',
        conversationId: 'c1',
        flowId: 'f1',
      },
    ])
  })

  it('has pass, violation and error ports and checks the customer message by default', () => {
    const config = compliance.config.parse({})

    expect(compliance.outputs(config)).toEqual(['pass', 'violation', 'error'])
    expect(config).toEqual({ policy: 'general', text: '{{ input }}' })
  })

  it('refuses a policy id that cannot be one', () => {
    expect(compliance.config.safeParse({ policy: 'bad id!' }).success).toBe(false)
  })
})
