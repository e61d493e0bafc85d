import { describe, expect, it } from 'vitest'
import { checkText } from './check-text.ts'
import { type CompliancePolicyInput, compliancePolicySchema } from './policy-schema.ts'
import { presetFor } from './presets.ts'

function policy(rules: CompliancePolicyInput['rules']) {
  return compliancePolicySchema.parse({ id: 'test', name: 'Test', rules })
}

const zh = { locale: 'zh-CN' }

describe('checkText', () => {
  it('masks personal data and reports the rule without the data itself', () => {
    const outcome = checkText(presetFor('general'), '请拨打13812345678联系我们', zh)

    expect(outcome.output).toBe('请拨打138****5678联系我们')
    expect(outcome.findings).toEqual([
      { ruleId: 'pii', kind: 'pii', action: 'mask', detail: { types: { mobile: 1 } } },
    ])
  })

  it('blocks a banned term and gives the safe reply in the language of the text', () => {
    const outcome = checkText(presetFor('finance'), 'This fund has guaranteed returns.', zh)

    expect(outcome.isBlocked).toBe(true)
    expect(outcome.output).toBeNull()
    expect(outcome.replacement).toMatch(/human agent/)
  })

  it('does not count a negated or warned-about term as a claim', () => {
    const finance = presetFor('finance')
    for (const text of [
      '本产品不保本。',
      '请警惕“稳赚不赔”的宣传。',
      'There is no risk-free investment.',
    ]) {
      expect(checkText(finance, text, zh).findings, text).toEqual([])
    }
  })

  it('still counts a term after a negation in an earlier clause', () => {
    expect(checkText(presetFor('finance'), '不用担心，稳赚的。', zh).isBlocked).toBe(true)
  })

  it('hands off with the handoff reply when the rule says so', () => {
    const handoff = policy([{ id: 'refund', kind: 'terms', terms: ['赔偿'], action: 'handoff' }])

    const outcome = checkText(handoff, '我们会赔偿您', zh)

    expect(outcome).toMatchObject({ isBlocked: true, isHandoff: true, output: null })
    expect(outcome.replacement).toMatch(/专人跟进/)
  })

  it('appends a required disclaimer once, in the language of the reply', () => {
    const finance = presetFor('finance')

    expect(checkText(finance, '这只基金去年收益5%。', zh).output).toBe(
      '这只基金去年收益5%。投资有风险，入市需谨慎。',
    )
    expect(checkText(finance, 'This fund returned 5%.', zh).output).toBe(
      'This fund returned 5%. Investment involves risk.',
    )
    expect(checkText(finance, '基金收益以实际为准，投资有风险。', zh).disclaimers).toEqual([])
  })

  it('lists appended disclaimers apart from violations', () => {
    const outcome = checkText(presetFor('healthcare'), '发烧可以服用退烧药。', zh)

    expect(outcome.findings).toEqual([])
    expect(outcome.disclaimers).toEqual(['medical-disclaimer'])
    expect(outcome.output).toContain('仅供参考')
  })

  it('truncates a reply over the maximum length at a sentence end', () => {
    const short = policy([{ id: 'len', kind: 'maxLength', maxChars: 10 }])

    const outcome = checkText(short, '第一句话很长。第二句话。', zh)

    expect(outcome.output).toBe('第一句话很长。…')
    expect(outcome.findings[0]).toMatchObject({ ruleId: 'len', action: 'truncate' })
  })

  it('does not apply the length limit to one streamed sentence', () => {
    const short = policy([{ id: 'len', kind: 'maxLength', maxChars: 3, action: 'block' }])

    expect(checkText(short, '这是一句话。', { ...zh, isSentence: true }).isBlocked).toBe(false)
  })

  it('only records a flagged rule and leaves the text as it is', () => {
    const flag = policy([{ id: 'watch', kind: 'terms', terms: ['竞品'], action: 'flag' }])

    const outcome = checkText(flag, '竞品的价格更高', zh)

    expect(outcome.output).toBe('竞品的价格更高')
    expect(outcome.findings.map((f) => f.action)).toEqual(['flag'])
  })

  it('masks a term when the rule masks', () => {
    const mask = policy([{ id: 'mask', kind: 'terms', terms: ['内部价'], action: 'mask' }])

    expect(checkText(mask, '内部价很低', zh).output).toBe('***很低')
  })

  it('skips disabled rules', () => {
    const off = policy([{ id: 'off', kind: 'terms', terms: ['稳赚'], isEnabled: false }])

    expect(checkText(off, '稳赚', zh).findings).toEqual([])
  })
})

describe('compliancePolicySchema', () => {
  it('refuses two rules with the same id, naming the path', () => {
    const parsed = compliancePolicySchema.safeParse({
      id: 'p',
      name: 'P',
      rules: [
        { id: 'a', kind: 'terms', terms: ['x'] },
        { id: 'a', kind: 'maxLength', maxChars: 10 },
      ],
    })

    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['rules', 1, 'id']])
  })
})
