import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { FlowInput } from './flow-schema.ts'
import { defineNode } from './node-api.ts'
import { problemSchema, validateFlow } from './validate-flow.ts'
import {
  askNode,
  conditionNode,
  type EdgeInput,
  edge,
  httpNode,
  type NodeInput,
  node,
  registryOf,
  replyNode,
  startNode,
} from './validate-flow-fixtures.ts'

const registry = registryOf([startNode, replyNode, askNode, conditionNode, httpNode])

function flow(nodes: NodeInput[], edges: EdgeInput[], extra: Partial<FlowInput> = {}): FlowInput {
  return { schemaVersion: 1, id: 'test-flow', name: 'Test flow', nodes, edges, ...extra }
}

/** start → ask; the answer goes through a condition to one of two replies. */
function validFlow(): FlowInput {
  return flow(
    [
      node('start', 'start'),
      node('ask1', 'ask', { question: '请提供订单号' }),
      node('cond', 'condition', {
        branches: [{ name: 'refund', when: 'input contains "退"' }],
      }),
      node('refund', 'reply', { text: '订单 {{ vars.orderId }} 的退款已提交' }),
      node('other', 'reply', { text: '您说的是：{{ nodes.ask1.text }}' }),
    ],
    [
      edge('e1', 'start', 'next', 'ask1'),
      edge('e2', 'ask1', 'answer', 'cond'),
      edge('e3', 'cond', 'refund', 'refund'),
      edge('e4', 'cond', 'else', 'other'),
      edge('e5', 'ask1', 'invalid', 'ask1'),
    ],
    { variables: [{ name: 'orderId', type: 'string' }] },
  )
}

function codesOf(input: unknown) {
  return validateFlow(input, registry).problems.map((problem) => problem.code)
}

function problemsWith(input: unknown, code: string) {
  return validateFlow(input, registry).problems.filter((problem) => problem.code === code)
}

describe('validateFlow', () => {
  describe('a valid flow', () => {
    it('has no problems', () => {
      const result = validateFlow(validFlow(), registry)

      expect(result.problems).toEqual([])
      expect(result.isValid).toBe(true)
    })

    it('returns the flow with document and config defaults filled in', () => {
      const result = validateFlow(validFlow(), registry)

      expect(result.flow?.settings.maxStepsPerTurn).toBe(50)
      expect(result.flow?.nodes[1]?.data.config).toEqual({
        question: '请提供订单号',
        choices: [],
        retries: 2,
      })
    })
  })

  describe('document shape', () => {
    it('reports shape errors at their path with the node id', () => {
      const input = validFlow()
      const broken = { ...input, nodes: [...input.nodes, { id: 'lost', type: 'reply', data: {} }] }

      const [problem] = problemsWith(broken, 'schema')

      expect(problem).toMatchObject({
        severity: 'error',
        path: ['nodes', 5, 'position'],
        nodeId: 'lost',
      })
      expect(problem?.message).toContain('Node lost, field "position"')
    })

    it('still checks the well-formed nodes and edges when the shape is invalid', () => {
      const input = { ...validFlow(), name: '' }
      input.nodes.push(node('mystery', 'teleport'))

      const result = validateFlow(input, registry)

      expect(result.flow).toBeNull()
      expect(result.problems.map((problem) => problem.code)).toEqual([
        'schema',
        'unknown_node_type',
        'unreachable_node',
      ])
    })

    it('does not blame edges that lead to a node whose own shape is invalid', () => {
      const input = validFlow()
      const nodes: unknown[] = [...input.nodes]
      nodes[2] = { ...node('cond', 'condition'), position: { x: 'left', y: 0 } }

      expect(codesOf({ ...input, nodes })).toEqual(['schema'])
    })

    it('reports input that is not a flow at all without throwing', () => {
      const result = validateFlow('hello', registry)

      expect(result.flow).toBeNull()
      expect(result.isValid).toBe(false)
      expect(result.problems).toEqual([expect.objectContaining({ code: 'schema', path: [] })])
    })
  })

  it('reports every problem at once, not just the first', () => {
    const input = flow(
      [node('a', 'reply'), node('b', 'reply', { delayMs: -1 }), node('b', 'teleport')],
      [edge('e1', 'a', 'next', 'ghost'), edge('e1', 'a', 'sideways', 'b')],
    )

    expect(codesOf(input)).toEqual([
      'config_invalid',
      'unknown_node_type',
      'duplicate_node_id',
      'no_start_node',
      'edge_unknown_target',
      'duplicate_edge_id',
      'edge_unknown_port',
    ])
  })

  it('gives every problem in the shape of problemSchema', () => {
    const input = flow([node('a', 'reply', { delayMs: -1 })], [edge('e1', 'a', 'next', 'b')])

    const { problems } = validateFlow(input, registry)

    expect(problems.length).toBeGreaterThan(0)
    for (const problem of problems) expect(problemSchema.parse(problem)).toEqual(problem)
  })

  describe('nodes', () => {
    it('rejects a node type that is not installed', () => {
      const input = validFlow()
      input.nodes.push(node('bot', 'teleport'))

      expect(problemsWith(input, 'unknown_node_type')).toEqual([
        expect.objectContaining({ severity: 'error', nodeId: 'bot', path: ['nodes', 5, 'type'] }),
      ])
    })

    it('points config errors at the field inside data.config', () => {
      const input = validFlow()
      input.nodes[1] = node('ask1', 'ask', { choices: [{ name: '' }] })

      const [problem] = problemsWith(input, 'config_invalid')

      expect(problem).toMatchObject({
        severity: 'error',
        nodeId: 'ask1',
        path: ['nodes', 1, 'data', 'config', 'choices', 0, 'name'],
      })
      expect(problem?.message).toContain('Node ask1 (Ask), field "choices[0].name"')
    })

    it('reports one config problem per invalid field', () => {
      const input = validFlow()
      input.nodes[1] = node('ask1', 'ask', { choices: [{}], retries: 9 })

      expect(problemsWith(input, 'config_invalid').map((problem) => problem.path)).toEqual([
        ['nodes', 1, 'data', 'config', 'choices', 0, 'name'],
        ['nodes', 1, 'data', 'config', 'retries'],
      ])
    })

    it('rejects two nodes with the same id', () => {
      const input = validFlow()
      input.nodes.push(node('refund', 'reply'))

      expect(problemsWith(input, 'duplicate_node_id')).toEqual([
        expect.objectContaining({ nodeId: 'refund', path: ['nodes', 5, 'id'] }),
      ])
    })

    it('rejects a flow without a start node', () => {
      const input = flow([node('r', 'reply')], [])

      expect(problemsWith(input, 'no_start_node')).toEqual([
        expect.objectContaining({ severity: 'error', path: ['nodes'] }),
      ])
    })

    it('rejects a second start node, marking each start node', () => {
      const input = validFlow()
      input.nodes.push(node('start2', 'start'))
      input.edges.push(edge('e9', 'start2', 'next', 'ask1'))

      expect(problemsWith(input, 'multiple_start_nodes').map((problem) => problem.nodeId)).toEqual([
        'start',
        'start2',
      ])
    })

    it('warns about a node that cannot be reached from the start node', () => {
      const input = validFlow()
      input.nodes.push(node('orphan', 'reply'))

      const result = validateFlow(input, registry)

      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'unreachable_node',
          severity: 'warning',
          nodeId: 'orphan',
          path: ['nodes', 5],
        }),
      ])
      expect(result.isValid).toBe(true)
    })
  })

  describe('edges', () => {
    it('rejects an edge that starts at a missing node', () => {
      const input = validFlow()
      input.edges.push(edge('e9', 'ghost', 'next', 'refund'))

      expect(problemsWith(input, 'edge_unknown_source')).toEqual([
        expect.objectContaining({ edgeId: 'e9', path: ['edges', 5, 'source'] }),
      ])
    })

    it('rejects an edge that leads to a missing node', () => {
      const input = validFlow()
      input.edges.push(edge('e9', 'refund', 'next', 'ghost'))

      expect(problemsWith(input, 'edge_unknown_target')).toEqual([
        expect.objectContaining({ edgeId: 'e9', path: ['edges', 5, 'target'] }),
      ])
    })

    it('rejects an edge from a port the node does not have, naming the ports it has', () => {
      const input = validFlow()
      input.edges.push(edge('e7', 'ask1', 'refund', 'refund'))

      expect(problemsWith(input, 'edge_unknown_port')).toEqual([
        {
          severity: 'error',
          code: 'edge_unknown_port',
          message: 'Edge e7 leaves port "refund" but node ask1 (Ask) has ports: answer, invalid',
          edgeId: 'e7',
          path: ['edges', 5, 'sourceHandle'],
          params: { port: 'refund', source: 'ask1', ports: ['answer', 'invalid'] },
        },
      ])
    })

    it('takes ports from the node config', () => {
      const input = validFlow()
      input.nodes[2] = node('cond', 'condition', {
        branches: [{ name: 'vip', when: 'user.level > 2' }],
      })

      expect(problemsWith(input, 'edge_unknown_port')).toEqual([
        expect.objectContaining({ edgeId: 'e3', message: expect.stringContaining('vip, else') }),
      ])
    })

    it('rejects two edges with the same id', () => {
      const input = validFlow()
      input.edges.push(edge('e1', 'refund', 'next', 'other'))

      expect(problemsWith(input, 'duplicate_edge_id')).toEqual([
        expect.objectContaining({ edgeId: 'e1', path: ['edges', 5, 'id'] }),
      ])
    })

    it('rejects a second edge from the same port of the same node', () => {
      const input = validFlow()
      input.edges.push(edge('e9', 'cond', 'else', 'refund'))

      expect(problemsWith(input, 'duplicate_port_edge')).toEqual([
        expect.objectContaining({
          severity: 'error',
          edgeId: 'e9',
          path: ['edges', 5, 'sourceHandle'],
        }),
      ])
    })
  })

  describe('templates and expressions', () => {
    it('warns about a template that reads an undeclared variable', () => {
      const input = validFlow()
      input.nodes[3] = node('refund', 'reply', { text: '您的快递单号是 {{ vars.trackingNo }}' })

      const result = validateFlow(input, registry)

      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'undeclared_variable',
          severity: 'warning',
          nodeId: 'refund',
          path: ['nodes', 3, 'data', 'config', 'text'],
          message: expect.stringContaining('vars.trackingNo'),
        }),
      ])
      expect(result.isValid).toBe(true)
    })

    it('warns about a template that reads the output of a missing node', () => {
      const input = validFlow()
      input.nodes[4] = node('other', 'reply', { text: '{{ nodes.ask9.text }}' })

      expect(problemsWith(input, 'undeclared_variable')).toEqual([
        expect.objectContaining({ message: expect.stringContaining('no node "ask9"') }),
      ])
    })

    it('warns about a reference outside input, vars, user, nodes and sys', () => {
      const input = validFlow()
      input.nodes[4] = node('other', 'reply', { text: '{{ order.id }}' })

      expect(problemsWith(input, 'unknown_variable_root')).toEqual([
        expect.objectContaining({ severity: 'warning', nodeId: 'other' }),
      ])
    })

    it('checks templates anywhere in the config, nested ones included', () => {
      const input = validFlow()
      input.nodes[1] = node('ask1', 'ask', { choices: [{ name: '{{ vars.missing }}' }] })

      expect(problemsWith(input, 'undeclared_variable')).toEqual([
        expect.objectContaining({ path: ['nodes', 1, 'data', 'config', 'choices', 0, 'name'] }),
      ])
    })

    it('rejects a template with a syntax error, giving its position', () => {
      const input = validFlow()
      input.nodes[3] = node('refund', 'reply', { text: '订单 {{ vars.orderId ' })

      expect(problemsWith(input, 'expression_invalid')).toEqual([
        expect.objectContaining({
          severity: 'error',
          path: ['nodes', 3, 'data', 'config', 'text'],
          message: expect.stringMatching(/position \d+/),
        }),
      ])
    })

    it('rejects an expression field with a syntax error, even without braces', () => {
      const input = validFlow()
      input.nodes[2] = node('cond', 'condition', {
        branches: [{ name: 'refund', when: 'vars.orderId ==' }],
      })

      expect(problemsWith(input, 'expression_invalid')).toEqual([
        expect.objectContaining({
          path: ['nodes', 2, 'data', 'config', 'branches', 0, 'when'],
          message: expect.stringMatching(/position \d+/),
        }),
      ])
    })

    it('warns about an expression field that reads an undeclared variable', () => {
      const input = validFlow()
      input.nodes[2] = node('cond', 'condition', {
        branches: [{ name: 'refund', when: 'vars.tries < 3' }],
      })

      expect(problemsWith(input, 'undeclared_variable')).toEqual([
        expect.objectContaining({
          path: ['nodes', 2, 'data', 'config', 'branches', 0, 'when'],
        }),
      ])
    })

    it('finds expression fields behind optional and nullable wrappers', () => {
      const input = validFlow()
      input.nodes[2] = node('cond', 'condition', {
        branches: [{ name: 'refund', when: 'true' }],
        guard: 'vars.tries < 3',
      })

      expect(problemsWith(input, 'undeclared_variable')).toEqual([
        expect.objectContaining({ path: ['nodes', 2, 'data', 'config', 'guard'] }),
      ])
    })
    it('finds expression fields inside recursive config schemas', () => {
      const rule = z.object({
        when: z.string().meta({ ui: 'expression' }),
        get rules(): z.ZodDefault<z.ZodArray<typeof rule>> {
          return z.array(rule).default([])
        },
      })
      const router = defineNode({
        type: 'router',
        version: 1,
        category: 'logic',
        titles: { 'zh-CN': 'Router', en: 'Router' },
        config: z.object({ rules: z.array(rule).default([]) }),
        outputs: () => ['next'],
        run: () => ({ port: 'next' }),
      })
      const input = validFlow()
      input.nodes.push(
        node('route', 'router', { rules: [{ when: 'true', rules: [{ when: 'vars.tier == 1' }] }] }),
      )
      input.edges.push(edge('e6', 'refund', 'next', 'route'))

      const problems = validateFlow(input, new Map([...registry, ['router', router]])).problems

      expect(problems).toEqual([
        expect.objectContaining({
          code: 'undeclared_variable',
          path: ['nodes', 5, 'data', 'config', 'rules', 0, 'rules', 0, 'when'],
        }),
      ])
    })

    it('leaves a blank expression field to the node type config schema', () => {
      const input = validFlow()
      input.nodes[2] = node('cond', 'condition', { branches: [{ name: 'refund', when: '' }] })

      expect(validateFlow(input, registry).problems).toEqual([])
    })
  })

  describe('loops', () => {
    it('accepts a loop that waits for the customer', () => {
      const input = validFlow()
      input.edges.push(edge('e6', 'refund', 'next', 'ask1'))

      expect(validateFlow(input, registry).problems).toEqual([])
    })

    it('warns about a loop that never waits but has a way out', () => {
      const input = validFlow()
      input.nodes.push(node('retry', 'condition', { branches: [{ name: 'again', when: 'true' }] }))
      input.edges.push(
        edge('e6', 'refund', 'next', 'retry'),
        edge('e7', 'retry', 'again', 'refund'),
      )

      const result = validateFlow(input, registry)

      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'loop_without_wait',
          severity: 'warning',
          nodeId: 'refund',
          message: expect.stringContaining('50 steps'),
        }),
      ])
      expect(result.isValid).toBe(true)
    })

    it('rejects a loop with no way out that never waits', () => {
      const input = validFlow()
      input.nodes.push(node('again', 'reply'))
      input.edges.push(edge('e6', 'refund', 'next', 'again'), edge('e7', 'again', 'next', 'refund'))

      expect(problemsWith(input, 'infinite_loop')).toEqual([
        expect.objectContaining({ severity: 'error', nodeId: 'refund', path: ['nodes', 3] }),
      ])
    })

    it('counts a node that leads back to itself as a loop', () => {
      const input = validFlow()
      input.edges.push(edge('e6', 'refund', 'next', 'refund'))

      expect(codesOf(input)).toEqual(['infinite_loop'])
    })

    it('does not count an unconnected error port as a way out of a loop', () => {
      const input = validFlow()
      input.nodes.push(node('call', 'http'))
      input.edges.push(
        edge('e6', 'refund', 'next', 'call'),
        edge('e7', 'call', 'success', 'refund'),
      )

      expect(codesOf(input)).toEqual(['infinite_loop'])
    })

    it('handles a loop of 5,000 nodes without running out of stack', () => {
      const ids = Array.from({ length: 4_999 }, (_, index) => `r${index}`)
      const input = flow(
        [node('start', 'start'), ...ids.map((id) => node(id, 'reply'))],
        [
          edge('e-start', 'start', 'next', 'r0'),
          ...ids.map((id, index) => edge(`e${index}`, id, 'next', ids[(index + 1) % ids.length]!)),
        ],
      )

      expect(codesOf(input)).toEqual(['infinite_loop'])
    })
  })
})
