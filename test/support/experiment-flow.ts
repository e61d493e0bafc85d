import type { FlowInput } from '../../shared/index.ts'
import { buildFlow } from './flow-builder.ts'

/** What a simulated or test customer says to close the conversation resolved or not. */
export const solvedText = '解决了，谢谢'
export const unsolvedText = '没解决'

/**
 * A flow for experiments: greets with its variant (`sys.variant`), asks one question, and
 * closes resolved when the customer says "解决了", unresolved otherwise. `greeting` makes
 * versions differ.
 */
export function experimentFlow(id = 'experiment-demo', greeting = '您好'): FlowInput {
  return buildFlow(
    id,
    [
      { id: 'start', type: 'start' },
      { id: 'hello', type: 'reply', config: { text: `[{{ sys.variant }}] ${greeting}` } },
      { id: 'listen', type: 'ask', config: { question: '问题解决了吗？', variable: 'answer' } },
      {
        id: 'check',
        type: 'condition',
        config: { branches: [{ name: 'solved', condition: 'input contains "解决了"' }] },
      },
      { id: 'resolved', type: 'end', config: { resolution: 'resolved', message: '很高兴帮到您' } },
      { id: 'unresolved', type: 'end', config: { resolution: 'unresolved' } },
    ],
    [
      ['start', 'next', 'hello'],
      ['hello', 'next', 'listen'],
      ['listen', 'answer', 'check'],
      ['check', 'solved', 'resolved'],
      ['check', 'else', 'unresolved'],
    ],
    { variables: [{ name: 'answer', type: 'string' }] },
  )
}
