import { z } from 'zod'

/** Policy and rule ids appear in URLs and in stored events: keep them URL-safe. */
export const policyIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "_", "." and "-"')

const ruleIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "_", "." and "-"')

export const piiTypes = ['mobile', 'idCard', 'bankCard', 'email', 'address'] as const
export type PiiType = (typeof piiTypes)[number]

export const industries = ['general', 'finance', 'healthcare', 'ecommerce'] as const
export type Industry = (typeof industries)[number]

/** Text in the policy's languages; the customer's locale picks one (else zh-CN). */
export const policyTextSchema = z
  .object({ 'zh-CN': z.string().trim().min(1).max(1000), en: z.string().trim().min(1).max(1000) })
  .catchall(z.string().trim().min(1).max(1000))
export type PolicyText = z.infer<typeof policyTextSchema>

const ruleBase = {
  id: ruleIdSchema,
  description: z.string().max(500).default(''),
  isEnabled: z.boolean().default(true),
}

/**
 * What happens when a rule fires. `flag` only records the decision; `handoff` blocks the reply,
 * sends the policy's handoff reply and records that a person should follow up (issue #9 brings
 * the queue itself).
 */
export const complianceActions = [
  'mask',
  'rewrite',
  'disclaimer',
  'truncate',
  'block',
  'handoff',
  'flag',
] as const
export type ComplianceAction = (typeof complianceActions)[number]

export const piiRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('pii'),
  types: z.array(z.enum(piiTypes)).min(1).max(piiTypes.length),
  action: z.enum(['mask', 'block', 'handoff', 'flag']).default('mask'),
})

export const termsRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('terms'),
  /** Plain phrases, matched case-insensitively; a negated mention ("不保本") does not count. */
  terms: z.array(z.string().trim().min(1).max(100)).min(1).max(2000),
  action: z.enum(['block', 'mask', 'rewrite', 'handoff', 'flag']).default('block'),
  /**
   * Whether a mention inside a negation or warning is left alone ("本产品不保本"). Claims need
   * it; insults do not ("你是不是白痴" is one either way).
   */
  isNegationAware: z.boolean().default(true),
})

export const disclaimerRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('disclaimer'),
  /** The topic: a reply mentioning any of these needs the disclaimer. Empty: every reply. */
  keywords: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
  text: policyTextSchema,
  /** Phrases that count as the disclaimer being there already (the text itself always does). */
  recognizedAs: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  action: z.literal('disclaimer').default('disclaimer'),
})

export const maxLengthRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('maxLength'),
  maxChars: z.number().int().min(1).max(100_000),
  action: z.enum(['truncate', 'block', 'rewrite', 'handoff', 'flag']).default('truncate'),
})

export const judgeRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('judge'),
  /** What the model checks the reply against, in the operator's words. */
  rubric: z.string().trim().min(1).max(4000),
  provider: z.string().max(100).optional(),
  model: z.string().max(200).optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  /** When the model fails: false lets the reply through (recorded), true blocks it. */
  isFailClosed: z.boolean().default(false),
  action: z.enum(['block', 'rewrite', 'handoff', 'flag']).default('block'),
})

export const complianceRuleSchema = z.discriminatedUnion('kind', [
  piiRuleSchema,
  termsRuleSchema,
  disclaimerRuleSchema,
  maxLengthRuleSchema,
  judgeRuleSchema,
])
export type ComplianceRule = z.infer<typeof complianceRuleSchema>
export type ComplianceRuleKind = ComplianceRule['kind']

export const defaultSafeReply = {
  'zh-CN': '抱歉，这个问题我暂时无法回答，请联系人工客服获取帮助。',
  en: "Sorry, I can't answer that here. Please contact a human agent for help.",
} satisfies PolicyText

export const defaultHandoffReply = {
  'zh-CN': '已为您记录该问题，稍后会有专人跟进，请耐心等待。',
  en: 'I have passed this on; a person will follow up with you shortly.',
} satisfies PolicyText

export const compliancePolicySchema = z
  .object({
    id: policyIdSchema,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    industry: z.enum(industries).default('general'),
    /** Sent instead of a blocked reply. */
    safeReply: policyTextSchema.default(defaultSafeReply),
    /** Sent instead of a reply whose rule hands off to a person. */
    handoffReply: policyTextSchema.default(defaultHandoffReply),
    rules: z.array(complianceRuleSchema).max(100).default([]),
  })
  .superRefine((policy, check) => {
    const seen = new Set<string>()
    for (const [index, rule] of policy.rules.entries()) {
      if (seen.has(rule.id)) {
        check.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `rule id "${rule.id}" is used twice`,
        })
      }
      seen.add(rule.id)
    }
  })
export type CompliancePolicy = z.infer<typeof compliancePolicySchema>
export type CompliancePolicyInput = z.input<typeof compliancePolicySchema>
export type ComplianceRuleInput = z.input<typeof complianceRuleSchema>
