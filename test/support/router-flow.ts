import { chineseIntents } from '../../nodes/intent/intent-test-configs.ts'
import type { FlowInput } from '../../shared/index.ts'
import { buildFlow } from './flow-builder.ts'

/**
 * start → listen (ask) → understand (intent over `chineseIntents`) → a reply per port, whose
 * text is the port's name → end. One customer message, one intent, one closed conversation:
 * the shape analytics counts.
 */
export function routerFlow(id = 'router'): FlowInput {
  const ports = [...chineseIntents.map((intent) => intent.name), 'fallback', 'error']
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'listen', type: 'ask', config: { question: '', variable: 'q', maxAttempts: 10 } },
      { id: 'understand', type: 'intent', config: { intents: chineseIntents } },
      ...ports.map((port) => ({ id: `say-${port}`, type: 'reply', config: { text: port } })),
      { id: 'bye', type: 'end', config: {} },
    ],
    [
      ['start', 'next', 'listen'],
      ['listen', 'answer', 'understand'],
      ...ports.map((port): [string, string, string] => ['understand', port, `say-${port}`]),
      ...ports.map((port): [string, string, string] => [`say-${port}`, 'next', 'bye']),
    ],
    { variables: [{ name: 'q', type: 'string' }] },
  )
}
