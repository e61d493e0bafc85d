import { z } from 'zod'
import {
  defineNode,
  type JsonObject,
  maskAllPii,
  policyIdSchema,
  variableSchema,
} from '../../shared/index.ts'

const config = z.object({
  /** A built-in preset (`general`, `finance`, `healthcare`, `ecommerce`) or a workspace policy id. */
  policy: policyIdSchema.default('general'),
  /** What to check; by default the customer's message. */
  text: z.string().max(4000).default('{{ input }}').meta({ ui: 'template' }),
  /** Stores the checked text with personal data masked (null when the policy blocks it). */
  maskedVariable: variableSchema.shape.name.optional().meta({ ui: 'variable' }),
})

export default defineNode({
  type: 'compliance',
  version: 1,
  category: 'guardrail',
  titles: { 'zh-CN': '合规检查', en: 'Compliance check' },
  descriptions: {
    'zh-CN': '用合规策略检查一段文本（默认是客户的消息）：违规走 violation，并列出触发的规则。',
    en: "Checks a text (the customer's message by default) against a compliance policy; rules that fire take `violation`.",
  },
  config,
  outputs: () => ['pass', 'violation', 'error'],
  async run(ctx, cfg) {
    const text = ctx.render(cfg.text)
    const sys = ctx.scope.sys
    const check = await ctx.compliance.check({
      text,
      policyId: cfg.policy,
      locale: ctx.locale,
      nodeId: ctx.node.id,
      ...(typeof sys.conversationId === 'string' ? { conversationId: sys.conversationId } : {}),
      ...(typeof sys.flowId === 'string' ? { flowId: sys.flowId } : {}),
    })
    // Node outputs are stored with the conversation: they never hold the raw personal data.
    const masked = check.output === null ? null : maskAllPii(check.output).text
    if (cfg.maskedVariable) ctx.setVariable(cfg.maskedVariable, masked)
    const output: JsonObject = {
      rules: check.rules,
      findings: check.findings.map((f) => ({ ruleId: f.ruleId, kind: f.kind, action: f.action })),
      isBlocked: check.isBlocked,
      text: masked,
    }
    return { port: check.rules.length > 0 ? 'violation' : 'pass', output }
  },
})
