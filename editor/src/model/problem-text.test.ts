import { describe, expect, it } from 'vitest'
import { builtinNodeTypes } from '../../../nodes/index.ts'
import { type FlowInput, type Problem, problemCodes, validateFlow } from '../../../shared/index.ts'
import en from '../../i18n/en.json'
import zhCN from '../../i18n/zh-CN.json'
import { paramsNeededByCode, problemText } from './problem-text.ts'

const registry = new Map(builtinNodeTypes.map((nodeType) => [nodeType.type, nodeType]))
const catalogs = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> }

type NodeInput = FlowInput['nodes'][number]
type EdgeInput = FlowInput['edges'][number]

const node = (id: string, type: string, config: Record<string, unknown> = {}): NodeInput => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { config },
})
const edge = (id: string, source: string, port: string, target: string): EdgeInput => ({
  id,
  source,
  sourceHandle: port,
  target,
})

function flow(nodes: NodeInput[], edges: EdgeInput[], extra: Partial<FlowInput> = {}): FlowInput {
  return { schemaVersion: 1, id: 'f', name: 'F', nodes, edges, ...extra }
}

function problemsOf(input: unknown): Problem[] {
  return validateFlow(input, registry).problems
}

/** One real problem of the code, from the real validator. */
function only(input: unknown, code: string): Problem {
  const found = problemsOf(input).find((p) => p.code === code)
  if (!found) throw new Error(`no ${code} in ${JSON.stringify(problemsOf(input))}`)
  return found
}

const started = (nodes: NodeInput[], edges: EdgeInput[], extra: Partial<FlowInput> = {}) =>
  flow(
    [node('start', 'start'), ...nodes],
    [edge('e0', 'start', 'next', nodes[0]?.id ?? 'x'), ...edges],
    extra,
  )

/** A flow the validator reports each validateFlow code for (publish-only codes are below). */
const examples: Record<string, () => unknown> = {
  schema: () => ({ ...flow([node('start', 'start')], []), name: '' }),
  unknown_node_type: () => started([node('x1', 'teleport')], []),
  config_invalid: () => started([node('ask1', 'ask', { variable: 'answer', maxAttempts: 0 })], []),
  duplicate_node_id: () => started([node('r', 'reply'), node('r', 'reply')], []),
  duplicate_edge_id: () =>
    started([node('r', 'reply'), node('r2', 'reply')], [edge('e0', 'r', 'next', 'r2')]),
  no_start_node: () => flow([node('r', 'reply')], []),
  multiple_start_nodes: () => flow([node('a', 'start'), node('b', 'start')], []),
  edge_unknown_source: () => started([node('r', 'reply')], [edge('e1', 'ghost', 'next', 'r')]),
  edge_unknown_target: () => started([node('r', 'reply')], [edge('e1', 'r', 'next', 'ghost')]),
  edge_unknown_port: () =>
    started([node('r', 'reply'), node('r2', 'reply')], [edge('e1', 'r', 'nope', 'r2')]),
  duplicate_port_edge: () =>
    started(
      [node('r', 'reply'), node('r2', 'reply'), node('r3', 'reply')],
      [edge('e1', 'r', 'next', 'r2'), edge('e2', 'r', 'next', 'r3')],
    ),
  unreachable_node: () => started([node('r', 'reply'), node('lost', 'reply')], []),
  undeclared_variable: () => started([node('r', 'reply', { text: '{{ vars.orderId }}' })], []),
  unknown_variable_root: () => started([node('r', 'reply', { text: '{{ order.id }}' })], []),
  expression_invalid: () => started([node('r', 'reply', { text: '{{ vars. }}' })], []),
  loop_without_wait: () =>
    started(
      [node('r', 'reply'), node('c', 'condition', { branches: [{ name: 'again', when: 'true' }] })],
      [edge('e1', 'r', 'next', 'c'), edge('e2', 'c', 'again', 'r')],
    ),
  infinite_loop: () =>
    started(
      [node('r', 'reply'), node('r2', 'reply')],
      [edge('e1', 'r', 'next', 'r2'), edge('e2', 'r2', 'next', 'r')],
    ),
  interrupt_target_unknown: () =>
    started([node('r', 'reply')], [], {
      settings: { interrupts: [{ kind: 'phrases', phrases: ['人工'], target: 'ghost' }] },
    }),
}

/** Made at publish by runtime/ (publish-flow.ts, compliance/publish-gate.ts), in its words. */
const publishProblems: Problem[] = [
  {
    severity: 'error',
    code: 'prepare_failed',
    message: 'Node kb1 could not be prepared: Knowledge base faq does not exist',
    nodeId: 'kb1',
    path: ['nodes', 1, 'data', 'config'],
    params: { reason: 'Knowledge base faq does not exist', errorCode: 'knowledge_base_not_found' },
  },
  {
    severity: 'error',
    code: 'compliance_blocked',
    message: 'Compliance policy "finance" would block this text: guaranteed returns',
    nodeId: 'r',
    path: ['nodes', 1, 'data', 'config', 'text'],
    params: { policy: 'finance', rules: ['guaranteed-returns'] },
  },
  {
    severity: 'error',
    code: 'compliance_policy_unknown',
    message: 'Compliance policy "strict" does not exist',
    path: ['settings', 'compliancePolicy'],
    params: { policy: 'strict' },
  },
]

const zh = (problem: Problem) => problemText(problem, 'zh-CN')

/** The problem as a server older than params sent it. */
function withoutParams(problem: Problem): Problem {
  const { params: _, ...rest } = problem
  return rest
}

/** More flows for codes whose params differ by case (a node reference, a required field). */
const variants: Record<string, () => unknown> = {
  undeclared_node: () => started([node('r', 'reply', { text: '{{ nodes.ghost.text }}' })], []),
  config_required: () => started([node('c', 'condition', { branches: [{ name: 'a' }] })], []),
  config_choice: () => started([node('ask1', 'ask', { variable: 'a', answerType: 'colour' })], []),
  loop_of_one: () =>
    started(
      [node('c', 'condition', { branches: [{ name: 'again', when: 'true' }] })],
      [edge('e1', 'c', 'again', 'c')],
    ),
}
const allProblems = () =>
  [...Object.values(examples), ...Object.values(variants)].flatMap((make) => problemsOf(make()))

describe('problem text', () => {
  it.each(Object.entries(catalogs))('has a %s text for every problem code', (_, catalog) => {
    expect(problemCodes.filter((code) => !(`problem.${code}` in catalog))).toEqual([])
  })

  it.each(Object.keys(examples))('says %s in Chinese, with no English of the validator', (code) => {
    const problem = only(examples[code]?.(), code)

    const text = zh(problem)

    expect(text).not.toContain(problem.message)
    expect(text).not.toMatch(/\{\w+\}/)
    // Ids, ports and field names stay as written; sentences are Chinese.
    expect(text.replace(/[\w"'.#{}\-[\] ]+/g, '')).toMatch(/^[^A-Za-z]+$/)
  })

  it.each(Object.keys(examples))('gets from the validator the params %s’s text needs', (code) => {
    const problem = only(examples[code]?.(), code)
    const needed: readonly string[] = paramsNeededByCode[code as keyof typeof paramsNeededByCode]

    expect(problem.params).toBeDefined()
    expect(needed.filter((name) => problem.params?.[name] === undefined)).toEqual([])
  })

  it('gets params with every problem the validator makes', () => {
    const problems = allProblems()

    expect(problems.filter((problem) => problem.params === undefined)).toEqual([])
  })

  it('does not read the English message of a problem with params', () => {
    for (const problem of [...allProblems(), ...publishProblems]) {
      const reworded = { ...problem, message: 'Worded differently by a newer server' }

      expect(zh(reworded)).toBe(zh(problem))
    }
  })

  it('says the same from the message of a problem without params (an older server)', () => {
    for (const problem of [...allProblems(), ...publishProblems]) {
      expect(zh(withoutParams(problem))).toBe(zh(problem))
    }
  })

  it('covers every problem code with a real example', () => {
    const covered = [...Object.keys(examples), ...publishProblems.map((p) => p.code)]

    expect(problemCodes.filter((code) => !covered.includes(code))).toEqual([])
  })

  it.each(publishProblems.map((p) => [p.code, p] as const))(
    'says the publish problem %s in Chinese',
    (_, problem) => {
      expect(zh(problem)).toMatch(/^[^A-Za-z]*(?:[\w".]+[^A-Za-z]*)*$/)
      expect(zh(problem)).not.toContain('Compliance')
    },
  )

  it('names a config field by its label and says what zod refused', () => {
    const problem = only(examples.config_invalid?.(), 'config_invalid')

    expect(zh(problem)).toBe('节点 ask1 的「最多尝试次数」：不能小于 1')
    expect(problemText(problem, 'en')).toBe('Node ask1, "Max attempts": must be at least 1')
  })

  it('says a required field is missing', () => {
    const problem = only(
      started([node('c', 'condition', { branches: [{ name: 'a' }] })], []),
      'config_invalid',
    )

    expect(zh(problem)).toBe('节点 c 的「分支 › 第 1 项 › 条件」：必须填写')
  })

  it('lists the allowed choices by their labels', () => {
    const problem = only(
      started([node('ask1', 'ask', { variable: 'answer', answerType: 'colour' })], []),
      'config_invalid',
    )

    expect(zh(problem)).toMatch(/^节点 ask1 的「答案类型」：只能选：/)
    expect(zh(problem)).not.toContain('"')
  })

  it('names the port and the node of an edge that leaves a port the node lacks', () => {
    const problem = only(examples.edge_unknown_port?.(), 'edge_unknown_port')

    expect(zh(problem)).toBe(
      '连线 e1 从出口「nope」连出，但节点 r 没有这个出口：请删除这条连线或重新连接。',
    )
  })

  it('names every node of a loop and the step limit', () => {
    const problem = only(examples.loop_without_wait?.(), 'loop_without_wait')

    expect(zh(problem)).toMatch(/^节点 r、c 形成了循环.*绕圈 50 步后/)
  })

  it('keeps the server’s text for a code this editor does not know', () => {
    const newer: Problem = {
      severity: 'warning',
      code: 'node_type_outdated',
      message: 'Old',
      path: [],
    }

    expect(zh(newer)).toBe('Old')
  })
})
