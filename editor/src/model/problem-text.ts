import type { Problem } from '../../../shared/index.ts'
import { findMessageKey, type Locale, type MessageKey, translate } from '../i18n.ts'
import { zodReason } from './zod-reason.ts'

/**
 * A validation problem in the operator's language. `validateFlow` (shared/, also the API's
 * answer on validate and publish) writes English and gives no parameters beyond the path and
 * the node or edge id, so the rest (a port, a variable, a loop's length) is read back from its
 * message, whose wording validate-flow*.ts fixes; problem-text.test.ts runs the real validator
 * so a changed wording fails there. A code this editor does not know keeps the server's text.
 */
export function problemText(problem: Problem, locale: string): string {
  const lang: Locale = locale === 'en' ? 'en' : 'zh-CN'
  const key = keyOf(problem)
  if (!key) return problem.message
  return translate(lang, key, valuesOf(problem, lang))
}

function keyOf(problem: Problem): MessageKey | undefined {
  if (problem.code === 'undeclared_variable' && !problem.message.includes('declares no variable')) {
    return 'problem.undeclared_node'
  }
  return findMessageKey(`problem.${problem.code}`)
}

type Values = Record<string, string | number>

function valuesOf(problem: Problem, lang: Locale): Values {
  const { message, path } = problem
  const [collection, index] = path
  const field = fieldLabel(fieldPath(path), lang)
  const values: Values = {
    node:
      problem.nodeId ??
      (collection === 'nodes' && typeof index === 'number' ? `#${index + 1}` : ''),
    edge: problem.edgeId ?? '',
    field,
    where: whereText(problem, field, lang),
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
    index: collection === 'settings' && typeof path[2] === 'number' ? path[2] + 1 : '',
    policy: match(message, /policy "([^"]*)"/) ?? '',
  }
  if (problem.code === 'edge_unknown_port') {
    values.node = match(message, /but node (\S+)/) ?? values.node ?? ''
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
