import {
  applyPolicy,
  type ComplianceCheckRequest,
  type ComplianceCheckResult,
  type ComplianceOutcome,
  type CompliancePolicy,
  type ComplianceService,
  defaultPolicyId,
  type JsonObject,
  type LlmService,
  maskAllPii,
  type OutgoingMessage,
  PolicyNotFoundError,
} from '../../shared/index.ts'
import type { ComplianceContext, ComplianceHook } from '../engine/index.ts'
import type { Logger } from '../logger.ts'
import type { ComplianceEventStore, NewComplianceEvent } from './event-store.ts'
import type { PolicyStore } from './policy-store.ts'

export interface PolicyEnforcerOptions {
  policies: PolicyStore
  events: ComplianceEventStore
  /** Carries out `rewrite` actions and `judge` rules; without it rewrites block and judges are skipped. */
  llm?: LlmService
  log?: Logger
  now?: () => number
}

const maxStoredChars = 4000
// A stream's disclaimer is appended once, after the first sentence that needs it; sentences of
// the same node within this time count as the same stream.
const streamMemoryMs = 60_000
const streamMemorySize = 10_000

type Source = NewComplianceEvent['source']

/**
 * The flow's policy on every bot message (the engine's ComplianceHook) and on texts a
 * `compliance` node checks (ctx.compliance). Records each rule that fired in compliance_events,
 * with personal data masked in both the text before and after.
 */
export function createPolicyEnforcer(options: PolicyEnforcerOptions): {
  hook: ComplianceHook
  service: ComplianceService
} {
  const now = options.now ?? Date.now
  const shownInStream = new Map<string, { ruleIds: Set<string>; atMs: number }>()

  const resolve = async (policyId: string | undefined): Promise<CompliancePolicy> => {
    const wanted = policyId ?? defaultPolicyId
    try {
      return await options.policies.resolve(wanted)
    } catch (error) {
      if (!(error instanceof PolicyNotFoundError)) throw error
      // Deleting a chosen policy is refused, but a published version may name one that was
      // never created here (e.g. imported): the general default still protects the customer.
      options.log?.info('compliance policy not found; using the general default', { policyId })
      return options.policies.resolve(defaultPolicyId)
    }
  }

  const record = async (
    policy: CompliancePolicy,
    text: string,
    outcome: ComplianceOutcome,
    source: Source,
    where: { conversationId?: string; flowId?: string; nodeId?: string | undefined },
  ) => {
    const fired = [
      ...outcome.findings.map((f) => ({ ...f })),
      ...outcome.disclaimers.map((ruleId) => ({
        ruleId,
        kind: 'disclaimer' as const,
        action: 'disclaimer' as const,
        detail: {},
      })),
    ]
    if (fired.length === 0) return
    const before = storedText(text)
    const after = outcome.output === null ? null : storedText(outcome.output)
    await options.events.record(
      fired.map((finding) => ({
        conversationId: where.conversationId ?? null,
        flowId: where.flowId ?? null,
        nodeId: where.nodeId ?? null,
        policyId: policy.id,
        ruleId: finding.ruleId,
        ruleKind: finding.kind,
        action: finding.action,
        source,
        before,
        after,
        detail: outcome.isBlocked
          ? { ...finding.detail, isBlocked: true, replacement: outcome.replacement }
          : finding.detail,
      })),
    )
  }

  const streamKey = (context: ComplianceContext) =>
    `${context.conversationId}\u0000${context.nodeId ?? ''}`

  const shownDisclaimers = (context: ComplianceContext): Set<string> => {
    const key = streamKey(context)
    const entry = shownInStream.get(key)
    if (entry && now() - entry.atMs < streamMemoryMs) return entry.ruleIds
    if (shownInStream.size >= streamMemorySize) {
      const oldest = shownInStream.keys().next().value
      if (oldest !== undefined) shownInStream.delete(oldest)
    }
    const fresh = { ruleIds: new Set<string>(), atMs: now() }
    shownInStream.delete(key)
    shownInStream.set(key, fresh)
    return fresh.ruleIds
  }

  const hook: ComplianceHook = {
    maskCustomerText: (text) => maskAllPii(text).text,
    async checkMessage(message, context) {
      const policy = await resolve(context.policy)
      const outcome = await applyPolicy(policy, message.text, {
        locale: context.locale,
        ...(options.llm ? { llm: options.llm } : {}),
      })
      await record(policy, message.text, outcome, 'message', context)
      return checkedMessage(message, outcome)
    },
    async checkSentence(sentence, context) {
      const policy = await resolve(context.policy)
      const shown = shownDisclaimers(context)
      const outcome = await applyPolicy(policy, sentence, {
        locale: context.locale,
        isSentence: true,
        shownDisclaimers: shown,
        ...(options.llm ? { llm: options.llm } : {}),
      })
      for (const ruleId of outcome.disclaimers) shown.add(ruleId)
      await record(policy, sentence, outcome, 'sentence', context)
      // A blocked sentence ends the stream (emitStream): what came before stays shown.
      return outcome.output
    },
  }

  const service: ComplianceService = {
    async check(request: ComplianceCheckRequest): Promise<ComplianceCheckResult> {
      const policy = await options.policies.resolve(request.policyId)
      // A node checks what the customer or a variable holds, not a reply: no disclaimers.
      const outcome = await applyPolicy(policy, request.text, {
        locale: request.locale,
        skipRuleKinds: new Set(['disclaimer']),
        ...(options.llm ? { llm: options.llm } : {}),
      })
      await record(policy, request.text, outcome, 'node', request)
      return { ...outcome, rules: [...new Set(outcome.findings.map((f) => f.ruleId))] }
    },
  }
  return { hook, service }
}

/** Texts kept for auditors carry no personal data, whatever the policy did with it. */
function storedText(text: string): string {
  const masked = maskAllPii(text).text
  return masked.length > maxStoredChars ? `${masked.slice(0, maxStoredChars)}…` : masked
}

function checkedMessage(message: OutgoingMessage, outcome: ComplianceOutcome): OutgoingMessage {
  const rules = [...new Set(outcome.findings.map((f) => f.ruleId)), ...outcome.disclaimers]
  if (rules.length === 0) return message
  const compliance: JsonObject = { rules }
  if (outcome.isBlocked) {
    compliance.isBlocked = true
    // Handoff arrives with issue #9; until then the flag tells an agent view to follow up.
    if (outcome.isHandoff) compliance.isHandoffRequested = true
    return { text: outcome.replacement ?? '', meta: { ...message.meta, compliance } }
  }
  return { ...message, text: outcome.output ?? '', meta: { ...message.meta, compliance } }
}
