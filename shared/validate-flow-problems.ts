import { z } from 'zod'

/** Every code validateFlow reports; see the list at the top of validate-flow.ts. */
export const problemCodes = [
  'schema',
  'unknown_node_type',
  'config_invalid',
  'duplicate_node_id',
  'duplicate_edge_id',
  'no_start_node',
  'multiple_start_nodes',
  'edge_unknown_source',
  'edge_unknown_target',
  'edge_unknown_port',
  'duplicate_port_edge',
  'unreachable_node',
  'undeclared_variable',
  'unknown_variable_root',
  'expression_invalid',
  'loop_without_wait',
  'infinite_loop',
  /** A global interrupt (settings.interrupts) jumps to a node that does not exist. */
  'interrupt_target_unknown',
  /** Reported at publish, not by validateFlow: a node type's prepare threw. */
  'prepare_failed',
  /** Reported at publish: the flow's compliance policy would block a static message text. */
  'compliance_blocked',
  /** Reported at publish: the flow chooses a compliance policy that does not exist. */
  'compliance_policy_unknown',
] as const
export type ProblemCode = (typeof problemCodes)[number]

// A code always has the same severity, so callers cannot disagree about how bad a problem is.
const severityByCode = {
  schema: 'error',
  unknown_node_type: 'error',
  config_invalid: 'error',
  duplicate_node_id: 'error',
  duplicate_edge_id: 'error',
  no_start_node: 'error',
  multiple_start_nodes: 'error',
  edge_unknown_source: 'error',
  edge_unknown_target: 'error',
  edge_unknown_port: 'error',
  duplicate_port_edge: 'error',
  unreachable_node: 'warning',
  undeclared_variable: 'warning',
  unknown_variable_root: 'warning',
  expression_invalid: 'error',
  loop_without_wait: 'warning',
  infinite_loop: 'error',
  interrupt_target_unknown: 'error',
  prepare_failed: 'error',
  compliance_blocked: 'error',
  compliance_policy_unknown: 'error',
} as const satisfies Record<ProblemCode, 'error' | 'warning'>

export type ProblemPath = (string | number)[]

/**
 * The values a problem's message quotes (a port, a variable, a loop's nodes, a step limit),
 * so a client can word the problem in its own language without reading the English message.
 */
export const problemParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.array(z.string())]),
)
export type ProblemParams = z.infer<typeof problemParamsSchema>

export const problemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  /** JSON path into the flow document, e.g. `['nodes', 3, 'data', 'config', 'text']`. */
  path: z.array(z.union([z.string(), z.number()])),
  /**
   * What the message quotes, per code (see docs/api.md). Optional only because servers before
   * it did not send it; every problem this version makes has it.
   */
  params: problemParamsSchema.optional(),
})
export type Problem = z.infer<typeof problemSchema>

// params is a required argument: a new problem cannot be made without deciding what it quotes.
export function problem(
  code: ProblemCode,
  message: string,
  path: ProblemPath,
  params: ProblemParams,
  at: { nodeId?: string | undefined; edgeId?: string | undefined } = {},
): Problem {
  const result: Problem = { severity: severityByCode[code], code, message, path, params }
  if (at.nodeId !== undefined) result.nodeId = at.nodeId
  if (at.edgeId !== undefined) result.edgeId = at.edgeId
  return result
}

/** `['intents', 0, 'name']` → `intents[0].name`, the way an operator reads a field. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text === '' ? segment : `.${segment}`
  }
  return text
}

/** zod issue paths may hold symbols; a JSON path cannot. */
export function toProblemPath(path: readonly PropertyKey[]): ProblemPath {
  return path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))
}

/** `a`, `a and b`, `a, b and c`. */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/**
 * zod's own wording for a missing field ("expected string, received undefined") reads like a
 * programmer's note; operators see these messages on the canvas.
 */
export const friendlyIssues = {
  error: (issue: { code: string; input?: unknown }) =>
    issue.code === 'invalid_type' && issue.input === undefined ? requiredMessage : undefined,
}
const requiredMessage = 'this field is required'

/**
 * A zod issue's code and the fields that say why (JSON Schema's words for limits), e.g.
 * `{ issue: 'too_small', origin: 'number', minimum: 1 }`. A missing field is
 * `{ issue: 'invalid_type', expected, received: 'undefined' }`.
 */
export function zodIssueParams(issue: z.core.$ZodIssue): ProblemParams {
  switch (issue.code) {
    case 'invalid_type':
      return {
        issue: issue.code,
        expected: issue.expected,
        ...(issue.message === requiredMessage ? { received: 'undefined' } : {}),
      }
    case 'too_small':
      return {
        issue: issue.code,
        origin: issue.origin,
        [issue.inclusive === false ? 'exclusiveMinimum' : 'minimum']: Number(issue.minimum),
      }
    case 'too_big':
      return {
        issue: issue.code,
        origin: issue.origin,
        [issue.inclusive === false ? 'exclusiveMaximum' : 'maximum']: Number(issue.maximum),
      }
    case 'invalid_value':
      return { issue: issue.code, values: issue.values.map((value) => String(value)) }
    case 'invalid_format':
      return {
        issue: issue.code,
        format: issue.format,
        ...('pattern' in issue && typeof issue.pattern === 'string'
          ? { pattern: issue.pattern }
          : {}),
      }
    case 'unrecognized_keys':
      return { issue: issue.code, keys: issue.keys }
    default:
      return { issue: issue.code }
  }
}
