import {
  type CompliancePolicy,
  checkText,
  defaultPolicyId,
  type Flow,
  type Problem,
  type ProblemCode,
  type ProblemParams,
} from '../../shared/index.ts'
import type { PolicyStore } from './policy-store.ts'

// Config fields that hold text the customer reads, whatever the node type: reply text, questions,
// retry prompts, button labels and their per-locale variants. Prompts for a model and HTTP
// bodies are not messages and are not checked here; what they produce is checked at run time.
const messageFields: ReadonlySet<string> = new Set([
  'text',
  'question',
  'message',
  'retryMessage',
  'commentPrompt',
  'label',
  'labels',
  'skipLabel',
  'variants',
  'retryVariants',
  'commentVariants',
  'skipVariants',
])

type ProblemPath = Problem['path']

// Both codes are errors (validate-flow-problems.ts): they refuse the publish.
function gateProblem(
  code: ProblemCode,
  message: string,
  path: ProblemPath,
  params: ProblemParams,
  nodeId?: string,
): Problem {
  return nodeId === undefined
    ? { severity: 'error', code, message, path, params }
    : { severity: 'error', code, message, path, params, nodeId }
}

interface StaticText {
  text: string
  path: ProblemPath
  nodeId?: string
}

/** The static part of a template: placeholders become a space, since their values vary. */
function staticPart(template: string): string {
  return template.replace(/\{\{[\s\S]*?\}\}/g, ' ')
}

function collectTexts(value: unknown, path: ProblemPath, isMessage: boolean, into: StaticText[]) {
  if (typeof value === 'string') {
    if (isMessage && value.trim() !== '') into.push({ text: staticPart(value), path })
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collectTexts(item, [...path, index], isMessage, into)
    })
    return
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      collectTexts(child, [...path, key], isMessage || messageFields.has(key), into)
    }
  }
}

/** Every static message text of a flow, with its path in the document. */
export function staticMessageTexts(flow: Flow): StaticText[] {
  const texts: StaticText[] = [
    { text: flow.settings.fallbackReply, path: ['settings', 'fallbackReply'] },
  ]
  for (const [index, node] of flow.nodes.entries()) {
    const found: StaticText[] = []
    collectTexts(node.data.config, ['nodes', index, 'data', 'config'], false, found)
    for (const text of found) texts.push({ ...text, nodeId: node.id })
  }
  return texts
}

/**
 * The publish gate: every static message text that the flow's policy would block becomes a
 * `compliance_blocked` problem on its node, so the operator fixes it before customers see the
 * safe reply instead. Masking, disclaimers, rewrites and other changes do not refuse a publish.
 */
export function checkFlowCompliance(flow: Flow, policy: CompliancePolicy): Problem[] {
  const problems: Problem[] = []
  for (const { text, path, nodeId } of staticMessageTexts(flow)) {
    const outcome = checkText(policy, text, { locale: flow.locale })
    if (!outcome.isBlocked) continue
    const blocking = outcome.findings.filter((f) => f.action === 'block' || f.action === 'handoff')
    const reasons = blocking
      .map(
        (f) =>
          `${f.ruleId}${Array.isArray(f.detail.terms) ? ` (${f.detail.terms.join(', ')})` : ''}`,
      )
      .join('; ')
    problems.push(
      gateProblem(
        'compliance_blocked',
        `Compliance policy "${policy.id}" would block this text: ${reasons}`,
        path,
        { policy: policy.id, rules: blocking.map((f) => f.ruleId) },
        nodeId,
      ),
    )
  }
  return problems
}

/**
 * The gate for publishFlow: the flow's chosen policy (the general default when none) on its
 * static texts, and every policy the flow names (its own, `compliance` nodes') must exist.
 */
export function createPublishGate(policies: PolicyStore): (flow: Flow) => Promise<Problem[]> {
  return async (flow) => {
    const problems: Problem[] = []
    for (const [index, node] of flow.nodes.entries()) {
      const named = node.type === 'compliance' ? node.data.config.policy : undefined
      if (typeof named === 'string' && !(await policies.exists(named))) {
        problems.push(
          gateProblem(
            'compliance_policy_unknown',
            `Compliance policy "${named}" does not exist`,
            ['nodes', index, 'data', 'config', 'policy'],
            { policy: named },
            node.id,
          ),
        )
      }
    }
    const policyId = flow.settings.compliancePolicy ?? defaultPolicyId
    if (!(await policies.exists(policyId))) {
      problems.push(
        gateProblem(
          'compliance_policy_unknown',
          `Compliance policy "${policyId}" does not exist`,
          ['settings', 'compliancePolicy'],
          { policy: policyId },
        ),
      )
      return problems
    }
    return [...problems, ...checkFlowCompliance(flow, await policies.resolve(policyId))]
  }
}
