import { z } from 'zod'
import type { LlmService } from '../services.ts'
import {
  type CheckOptions,
  type ComplianceOutcome,
  checkText,
  pickPolicyText,
  replyLocale,
} from './check-text.ts'
import type { CompliancePolicy } from './policy-schema.ts'

export interface ApplyOptions extends CheckOptions {
  /** Carries out `rewrite` actions and `judge` rules; without it they block (rewrite) or are skipped (judge). */
  llm?: LlmService
}

type JudgeRule = Extract<CompliancePolicy['rules'][number], { kind: 'judge' }>

const verdictSchema = z.object({ violates: z.boolean(), reason: z.string().max(2000).default('') })

/**
 * The whole policy on one text: the model-free rules (checkText), then `rewrite` by the model
 * (checked again; still failing means blocked), then the model judge. Streamed sentences skip
 * the judge: one model call per sentence would hold the stream back.
 */
export async function applyPolicy(
  policy: CompliancePolicy,
  text: string,
  options: ApplyOptions,
): Promise<ComplianceOutcome> {
  let outcome = checkText(policy, text, options)
  if (outcome.isBlocked) return outcome
  if (outcome.pendingRewrites.length > 0) outcome = await rewrite(policy, text, outcome, options)
  if (outcome.isBlocked || options.isSentence || !options.llm) return outcome
  for (const rule of policy.rules) {
    if (rule.kind !== 'judge' || !rule.isEnabled || outcome.output === null) continue
    outcome = await judge(policy, rule, outcome, options.llm, options)
    if (outcome.isBlocked) return outcome
  }
  return outcome
}

function blocked(
  policy: CompliancePolicy,
  outcome: ComplianceOutcome,
  text: string,
  locale: string,
  isHandoff: boolean,
): ComplianceOutcome {
  const reply = isHandoff ? policy.handoffReply : policy.safeReply
  return {
    ...outcome,
    output: null,
    replacement: pickPolicyText(reply, replyLocale(text, locale)),
    isBlocked: true,
    isHandoff,
    disclaimers: [],
  }
}

async function rewrite(
  policy: CompliancePolicy,
  text: string,
  outcome: ComplianceOutcome,
  options: ApplyOptions,
): Promise<ComplianceOutcome> {
  const attempted = outcome.pendingRewrites.map((f) => ({ ...f }))
  const asBlock = attempted.map((f) => ({
    ...f,
    action: 'block' as const,
    detail: { ...f.detail, rewrite: 'failed' },
  }))
  const failed = { ...outcome, findings: [...outcome.findings, ...asBlock], pendingRewrites: [] }
  if (!options.llm) return blocked(policy, failed, text, options.locale, false)
  const problems = attempted.map((f) => `- ${f.ruleId}: ${JSON.stringify(f.detail)}`).join('\n')
  try {
    const answer = await options.llm.chat({
      messages: [
        {
          role: 'system',
          content:
            'Rewrite the customer-service reply so that it no longer breaks the listed rules. ' +
            'Keep its meaning, language and tone; make no promises of returns, cures or outcomes. ' +
            `Answer with the rewritten reply only.\nRules broken:\n${problems}`,
        },
        { role: 'user', content: outcome.output ?? text },
      ],
      temperature: 0,
      timeoutMs: 10_000,
    })
    const again = checkText(policy, answer.text.trim(), options)
    if (again.isBlocked || again.pendingRewrites.length > 0 || answer.text.trim() === '') {
      return blocked(policy, failed, text, options.locale, again.isHandoff)
    }
    const done = attempted.map((f) => ({ ...f, detail: { ...f.detail, rewrite: 'done' } }))
    return { ...again, findings: [...outcome.findings, ...done, ...again.findings] }
  } catch {
    return blocked(policy, failed, text, options.locale, false)
  }
}

async function judge(
  policy: CompliancePolicy,
  rule: JudgeRule,
  outcome: ComplianceOutcome,
  llm: LlmService,
  options: ApplyOptions,
): Promise<ComplianceOutcome> {
  const reply = outcome.output ?? ''
  let verdict: z.infer<typeof verdictSchema>
  try {
    const answer = await llm.chat({
      messages: [
        {
          role: 'system',
          content:
            'You review a customer-service reply against a compliance rubric. Answer with a JSON ' +
            'object {"violates": boolean, "reason": string}.\nRubric:\n' +
            rule.rubric,
        },
        { role: 'user', content: reply },
      ],
      isJson: true,
      temperature: 0,
      timeoutMs: rule.timeoutMs,
      ...(rule.provider ? { provider: rule.provider } : {}),
      ...(rule.model ? { model: rule.model } : {}),
    })
    verdict = verdictSchema.parse(JSON.parse(answer.text))
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'error'
    const finding = {
      ruleId: rule.id,
      kind: rule.kind,
      action: rule.isFailClosed ? ('block' as const) : ('flag' as const),
      detail: { judge: 'failed', reason },
    }
    const withFinding = { ...outcome, findings: [...outcome.findings, finding] }
    return rule.isFailClosed
      ? blocked(policy, withFinding, reply, options.locale, false)
      : withFinding
  }
  if (!verdict.violates) return outcome
  const finding = {
    ruleId: rule.id,
    kind: rule.kind,
    action: rule.action,
    detail: { reason: verdict.reason.slice(0, 500) },
  }
  const withFinding = { ...outcome, findings: [...outcome.findings, finding] }
  switch (rule.action) {
    case 'flag':
      return withFinding
    case 'block':
    case 'handoff':
      return blocked(policy, withFinding, reply, options.locale, rule.action === 'handoff')
    case 'rewrite':
      return rewrite(policy, reply, { ...outcome, pendingRewrites: [finding] }, { ...options, llm })
    default: {
      const unknownAction: never = rule.action
      throw new Error(`unknown action ${String(unknownAction)}`)
    }
  }
}
