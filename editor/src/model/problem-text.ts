import type { Problem, ProblemCode, ProblemParams } from '../../../shared/index.ts'
import { findMessageKey, type Locale, type MessageKey, translate } from '../i18n.ts'
import { zodReason, zodReasonFromParams } from './zod-reason.ts'

/**
 * A validation problem in the operator's language. The values a text needs beyond the path and
 * the node or edge id (a port, a variable, a loop's nodes) come from the problem's `params`.
 * A problem without params (from a server older than them) has them read back from its English
 * message instead. A code this editor does not know keeps the server's text.
 */
export function problemText(problem: Problem, locale: string): string {
  const lang: Locale = locale === 'en' ? 'en' : 'zh-CN'
  const key = keyOf(problem)
  if (!key) return problem.message
  return translate(lang, key, valuesOf(problem, lang))
}

/**
 * The params each code's text reads; problem-text.test.ts checks that the real validator
 * gives them, so a new problem made without them fails there.
 */
export const paramsNeededByCode = {
  schema: ['issue'],
  unknown_node_type: [],
  config_invalid: ['issue'],
  duplicate_node_id: [],
  duplicate_edge_id: [],
  no_start_node: [],
  multiple_start_nodes: [],
  edge_unknown_source: ['source'],
  edge_unknown_target: ['target'],
  edge_unknown_port: ['port', 'source'],
  duplicate_port_edge: ['port', 'otherEdge'],
  unreachable_node: [],
  undeclared_variable: ['reference'],
  unknown_variable_root: ['root'],
  expression_invalid: ['position'],
  loop_without_wait: ['loop', 'maxSteps'],
  infinite_loop: ['loop'],
  interrupt_target_unknown: ['interrupt', 'target'],
  prepare_failed: [],
  compliance_blocked: ['policy'],
  compliance_policy_unknown: ['policy'],
} as const satisfies Record<ProblemCode, readonly string[]>

function keyOf(problem: Problem): MessageKey | undefined {
  if (problem.code === 'undeclared_variable' && isNodeReference(problem)) {
    return 'problem.undeclared_node'
  }
  return findMessageKey(`problem.${problem.code}`)
}

function isNodeReference(problem: Problem): boolean {
  if (problem.params) return typeof problem.params.node === 'string'
  return !problem.message.includes('declares no variable')
}

type Values = Record<string, string | number>

function valuesOf(problem: Problem, lang: Locale): Values {
  const { path, params } = problem
  const [collection, index] = path
  const field = fieldLabel(fieldPath(path), lang)
  const values: Values = {
    node:
      problem.nodeId ??
      (collection === 'nodes' && typeof index === 'number' ? `#${index + 1}` : ''),
    edge: problem.edgeId ?? '',
    field,
    where: whereText(problem, field, lang),
    index: collection === 'settings' && typeof path[2] === 'number' ? path[2] + 1 : '',
  }
  return {
    ...values,
    ...(params ? valuesFromParams(problem, params, lang) : valuesFromMessage(problem, lang)),
  }
}

function valuesFromParams(problem: Problem, params: ProblemParams, lang: Locale): Values {
  const text = (name: string) => {
    const value = params[name]
    return typeof value === 'string' || typeof value === 'number' ? value : undefined
  }
  const values: Values = {
    reason: zodReasonFromParams(params, lastName(problem.path), lang),
    other: text('otherEdge') ?? text('target') ?? text('source') ?? '',
    port: text('port') ?? '',
    name: text('reference') ?? (text('root') === undefined ? '' : `"${text('root')}"`),
    position: Number(text('position') ?? 0) + 1,
    steps: text('maxSteps') ?? 50,
    nodes: listText(params.loop, lang) ?? problem.nodeId ?? '',
    policy: text('policy') ?? '',
  }
  if (problem.code === 'edge_unknown_port') values.node = text('source') ?? ''
  // The interrupt's own number, not read from the path: the same in both.
  const interrupt = text('interrupt')
  if (interrupt !== undefined) values.index = interrupt
  return values
}

function listText(value: ProblemParams[string] | undefined, lang: Locale): string | undefined {
  if (!Array.isArray(value)) return undefined
  return value.join(translate(lang, 'problem.listSeparator'))
}

/** For a problem without params: the values read back from the validator's English wording. */
function valuesFromMessage(problem: Problem, lang: Locale): Values {
  const { message, path } = problem
  const values: Values = {
    reason: zodReason(message, lastName(path), lang),
    // `"x"` after the words that introduce it in validate-flow*.ts.
    other:
      match(message, /(?:starts at|leads to) node "([^"]*)"/) ??
      match(message, /jumps to node (.+), which does not exist/) ??
      match(message, /like edge (\S+?);/) ??
      '',
    port: match(message, /port "([^"]*)"/) ?? '',
    name: match(message, /reads (.+?), (?:but|which)/) ?? '',
    position: Number(match(message, /position (\d+)/) ?? 0) + 1,
    steps: match(message, /after (\d+) steps/) ?? '50',
    nodes: loopMembers(problem, lang),
    policy: match(message, /policy "([^"]*)"/) ?? '',
  }
  if (problem.code === 'edge_unknown_port') {
    values.node = match(message, /but node (\S+)/) ?? ''
  }
  return values
}

function match(text: string, pattern: RegExp): string | undefined {
  return pattern.exec(text)?.[1]
}

/** The part of the path inside a node's config, an edge, or the flow document. */
function fieldPath(path: Problem['path']): Problem['path'] {
  const [collection, index, ...rest] = path
  if (collection === 'nodes' && typeof index === 'number') {
    return rest[0] === 'data' && rest[1] === 'config' ? rest.slice(2) : rest
  }
  if (collection === 'edges' && typeof index === 'number') return rest
  return path
}

function lastName(path: Problem['path']): string | undefined {
  return path.filter((segment): segment is string => typeof segment === 'string').at(-1)
}

/** `['choices', 0, 'label']` → `选项 › 第 1 项 › 标签`, each name by its `field.*` label. */
function fieldLabel(path: Problem['path'], lang: Locale): string {
  return path
    .map((segment) => {
      if (typeof segment === 'number')
        return translate(lang, 'problem.item', { number: segment + 1 })
      const key = findMessageKey(`field.${segment}`)
      return key ? translate(lang, key) : segment
    })
    .join(' › ')
}

function whereText(problem: Problem, field: string, lang: Locale): string {
  const [collection] = problem.path
  const node = problem.nodeId ?? (collection === 'nodes' ? `#${Number(problem.path[1]) + 1}` : '')
  if (collection === 'nodes' || problem.nodeId !== undefined) {
    return translate(lang, field ? 'problem.at.nodeField' : 'problem.at.node', { node, field })
  }
  if (collection === 'edges' || problem.edgeId !== undefined) {
    const edge = problem.edgeId ?? `#${Number(problem.path[1]) + 1}`
    return translate(lang, field ? 'problem.at.edgeField' : 'problem.at.edge', { edge, field })
  }
  return translate(lang, field ? 'problem.at.flowField' : 'problem.at.flow', { field })
}

/** A loop's nodes: `Nodes a, b and c form a loop…` names them all, one node only itself. */
function loopMembers(problem: Problem, lang: Locale): string {
  const listed = match(problem.message, /^Nodes (.+?) form a loop/)
  if (listed === undefined) return problem.nodeId ?? ''
  const separator = translate(lang, 'problem.listSeparator')
  return listed
    .replace(/,? and /, ', ')
    .split(', ')
    .join(separator)
}
