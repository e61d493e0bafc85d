import { describe, expect, it } from 'vitest'
import type { FlowInput } from './flow-schema.ts'
import { problemSchema, validateFlow } from './validate-flow.ts'
import {
  type EdgeInput,
  edge,
  type NodeInput,
  node,
  registryOf,
  replyNode,
  startNode,
} from './validate-flow-fixtures.ts'

const registry = registryOf([startNode, replyNode])

/** start → r, plus the given nodes and edges. */
function flow(nodes: NodeInput[], edges: EdgeInput[], extra: Partial<FlowInput> = {}): FlowInput {
  return {
    schemaVersion: 1,
    id: 'f',
    name: 'F',
    nodes: [node('start', 'start'), node('r', 'reply'), ...nodes],
    edges: [edge('e0', 'start', 'next', 'r'), ...edges],
    ...extra,
  }
}

function paramsOf(input: unknown, code: string) {
  return validateFlow(input, registry)
    .problems.filter((problem) => problem.code === code)
    .map((problem) => problem.params)
}

describe('problem params', () => {
  it('name the variable a template reads but the flow does not declare', () => {
    const input = flow(
      [node('r2', 'reply', { text: '{{ vars.orderId }}' })],
      [edge('e1', 'r', 'next', 'r2')],
    )

    expect(paramsOf(input, 'undeclared_variable')).toEqual([
      { kind: 'template', reference: 'vars.orderId', variable: 'orderId' },
    ])
  })

  it('name the node a template reads that the flow does not have', () => {
    const input = flow([], [], {
      nodes: [node('start', 'start'), node('r', 'reply', { text: '{{ nodes.ghost.text }}' })],
    })

    expect(paramsOf(input, 'undeclared_variable')).toEqual([
      { kind: 'template', reference: 'nodes.ghost', node: 'ghost' },
    ])
  })

  it('list a loop’s nodes and the step limit that cuts it', () => {
    const input = flow(
      [node('r2', 'reply')],
      [edge('e1', 'r', 'next', 'r2'), edge('e2', 'r2', 'next', 'r')],
      {
        settings: { maxStepsPerTurn: 20 },
      },
    )

    expect(paramsOf(input, 'infinite_loop')).toEqual([{ loop: ['r', 'r2'], maxSteps: 20 }])
  })

  it('name the port an edge leaves and the ports its node has', () => {
    const input = flow([node('r2', 'reply')], [edge('e1', 'r', 'yes', 'r2')])

    expect(paramsOf(input, 'edge_unknown_port')).toEqual([
      { port: 'yes', source: 'r', ports: ['next'] },
    ])
  })

  it('carry the zod issue of an invalid config instead of only its English', () => {
    const input = flow([], [], {
      nodes: [node('start', 'start'), node('r', 'reply', { delayMs: -1, tone: 'loud' })],
    })

    expect(paramsOf(input, 'config_invalid')).toEqual([
      { issue: 'too_small', origin: 'number', minimum: 0 },
      { issue: 'invalid_value', values: ['warm', 'plain'] },
    ])
  })

  it('carry the zod issue of a document shape problem, a missing field as received undefined', () => {
    const { id: _, ...withoutId } = flow([], [])

    expect(paramsOf(withoutId, 'schema')).toEqual([
      { issue: 'invalid_type', expected: 'string', received: 'undefined' },
    ])
  })

  it('are JSON the problem schema accepts', () => {
    const input = flow(
      [node('r2', 'reply', { text: '{{ order.id }}' })],
      [edge('e1', 'r', 'next', 'r2'), edge('e2', 'r', 'next', 'ghost')],
    )

    for (const problem of validateFlow(input, registry).problems) {
      expect(problem.params).toBeDefined()
      expect(problemSchema.parse(JSON.parse(JSON.stringify(problem)))).toEqual(problem)
    }
  })
})
