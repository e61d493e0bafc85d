import type { FlowInput } from '../shared/index.ts'

export const sixNodeFlowId = 'bench-six-nodes'

/** The message that ends a conversation of the six-node flow. */
export const goodbyeText = '再见'

/**
 * One node of each built-in type: start → ask → condition → set-variable → reply → back to ask,
 * with condition's `bye` branch to end. A message turn runs five steps (ask answers, condition,
 * set-variable, reply, ask waits) and renders one template; the goodbye turn runs three.
 */
export function sixNodeFlow(): FlowInput {
  const node = (id: string, type: string, x: number, config: Record<string, unknown>) => ({
    id,
    type,
    position: { x, y: 0 },
    data: { config },
  })
  const edge = (source: string, port: string, target: string) => ({
    id: `${source}-${port}-${target}`,
    source,
    sourceHandle: port,
    target,
  })
  return {
    schemaVersion: 1,
    id: sixNodeFlowId,
    name: 'Bench: six nodes',
    variables: [
      { name: 'said', type: 'string' },
      { name: 'count', type: 'number', default: 0 },
    ],
    nodes: [
      node('start', 'start', 0, {}),
      node('listen', 'ask', 200, { question: '请问有什么可以帮您？', variable: 'said' }),
      node('route', 'condition', 400, {
        branches: [{ name: 'bye', condition: `vars.said == "${goodbyeText}"` }],
      }),
      node('count', 'set-variable', 600, {
        assignments: [{ variable: 'count', value: 'vars.count + 1' }],
      }),
      node('echo', 'reply', 800, { text: '{{ user.name }}，第 {{ vars.count }} 条：{{ input }}' }),
      node('bye', 'end', 1000, { resolution: 'resolved', message: '感谢您的咨询！' }),
    ],
    edges: [
      edge('start', 'next', 'listen'),
      edge('listen', 'answer', 'route'),
      edge('route', 'bye', 'bye'),
      edge('route', 'else', 'count'),
      edge('count', 'next', 'echo'),
      edge('echo', 'next', 'listen'),
    ],
  }
}
