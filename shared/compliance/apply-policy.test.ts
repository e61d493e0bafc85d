import { describe, expect, it } from 'vitest'
import type { ChatRequest, LlmService } from '../services.ts'
import { applyPolicy } from './apply-policy.ts'
import { type CompliancePolicyInput, compliancePolicySchema } from './policy-schema.ts'

function policy(rules: CompliancePolicyInput['rules']) {
  return compliancePolicySchema.parse({ id: 'test', name: 'Test', rules })
}

function fakeModel(answers: (string | Error)[]): LlmService & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = []
  return {
    requests,
    async chat(request) {
      requests.push(request)
      const answer = answers.shift() ?? new Error('no more answers')
      if (answer instanceof Error) throw answer
      return {
        text: answer,
        model: 'fake',
        usage: { promptTokens: 1, completionTokens: 1 },
        isOffline: false,
      }
    },
    chatStream() {
      throw new Error('not streamed')
    },
  }
}

const rewriteTerms = policy([{ id: 'promise', kind: 'terms', terms: ['保本'], action: 'rewrite' }])
const judged = policy([{ id: 'judge', kind: 'judge', rubric: '不得贬低竞争对手' }])

describe('applyPolicy', () => {
  it('rewrites with the model and checks the rewrite again', async () => {
    const llm = fakeModel(['本产品不承诺本金安全，请谨慎选择。'])

    const outcome = await applyPolicy(rewriteTerms, '本产品保本。', { locale: 'zh-CN', llm })

    expect(outcome.output).toBe('本产品不承诺本金安全，请谨慎选择。')
    expect(outcome.findings).toMatchObject([
      { ruleId: 'promise', action: 'rewrite', detail: { rewrite: 'done' } },
    ])
  })

  it('blocks when the rewrite still breaks the rule', async () => {
    const llm = fakeModel(['保本，放心。'])

    const outcome = await applyPolicy(rewriteTerms, '本产品保本。', { locale: 'zh-CN', llm })

    expect(outcome.isBlocked).toBe(true)
  })

  it('blocks a rewrite rule when no model is configured', async () => {
    const outcome = await applyPolicy(rewriteTerms, '本产品保本。', { locale: 'zh-CN' })

    expect(outcome).toMatchObject({ isBlocked: true, output: null })
  })

  it('blocks what the model judge finds in violation of the rubric', async () => {
    const llm = fakeModel([JSON.stringify({ violates: true, reason: '贬低对手' })])

    const outcome = await applyPolicy(judged, '别家产品都是垃圾。', { locale: 'zh-CN', llm })

    expect(outcome.isBlocked).toBe(true)
    expect(llm.requests[0]?.messages[0]?.content).toContain('不得贬低竞争对手')
  })

  it('lets a reply through, recorded, when the judge fails and the rule fails open', async () => {
    const llm = fakeModel([new Error('timeout')])

    const outcome = await applyPolicy(judged, '您好', { locale: 'zh-CN', llm })

    expect(outcome.output).toBe('您好')
    expect(outcome.findings).toMatchObject([
      { ruleId: 'judge', action: 'flag', detail: { judge: 'failed' } },
    ])
  })

  it('does not call the judge for streamed sentences', async () => {
    const llm = fakeModel([])

    const outcome = await applyPolicy(judged, '您好。', { locale: 'zh-CN', llm, isSentence: true })

    expect(outcome.output).toBe('您好。')
    expect(llm.requests).toEqual([])
  })
})
