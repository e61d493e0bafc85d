import type { FlowInput } from '../../shared/index.ts'

type NodeSpec = { id: string; type: string; config?: Record<string, unknown> }
type EdgeSpec = [source: string, port: string, target: string]

/** A compact way to write test flows: nodes in order, edges as [source, port, target]. */
export function buildFlow(
  id: string,
  nodes: NodeSpec[],
  edges: EdgeSpec[],
  extra: Partial<FlowInput> = {},
): FlowInput {
  return {
    schemaVersion: 1,
    id,
    name: `Test flow ${id}`,
    nodes: nodes.map((n, i) => ({
      id: n.id,
      type: n.type,
      position: { x: i * 200, y: 0 },
      data: { config: n.config ?? {} },
    })),
    edges: edges.map(([source, port, target]) => ({
      id: `${source}-${port}-${target}`,
      source,
      sourceHandle: port,
      target,
    })),
    ...extra,
  }
}

/** start → reply "收到：{{ input }}" → ask (waits) → back to the reply: an echo loop. */
export function echoFlow(id = 'echo'): FlowInput {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'hello', type: 'reply', config: { text: '你好' } },
      { id: 'listen', type: 'ask', config: { question: '', variable: 'said', maxAttempts: 10 } },
      { id: 'echo', type: 'reply', config: { text: '收到：{{ input }}' } },
    ],
    [
      ['start', 'next', 'hello'],
      ['hello', 'next', 'listen'],
      ['listen', 'answer', 'echo'],
      ['echo', 'next', 'listen'],
    ],
    { variables: [{ name: 'said', type: 'string' }] },
  )
}
