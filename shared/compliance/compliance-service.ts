import type { ComplianceOutcome } from './check-text.ts'

export interface ComplianceCheckRequest {
  text: string
  /** A built-in preset (`general`, `finance`, `healthcare`, `ecommerce`) or a workspace policy. */
  policyId: string
  locale: string
  /** Where the check ran, recorded with the decision. */
  conversationId?: string
  flowId?: string
  nodeId?: string
}

export type ComplianceCheckResult = ComplianceOutcome & {
  /** Ids of the rules that found a violation, in policy order. */
  rules: string[]
}

/**
 * Checks a text against a compliance policy (`ctx.compliance`), e.g. the customer's message in a
 * `compliance` node. Every rule that fires is recorded for auditors, with personal data masked.
 * @example const check = await ctx.compliance.check({ text: ctx.message.text, policyId: 'finance', locale: ctx.locale })
 */
export interface ComplianceService {
  check(request: ComplianceCheckRequest): Promise<ComplianceCheckResult>
}
