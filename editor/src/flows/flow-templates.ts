import type { Flow } from '../../../shared/index.ts'
import { emptyFlow } from '../model/draft-edits.ts'

export type TemplateId = 'empty' | 'greeting'

/** Starting points for a new flow. The example is small enough to read at a glance. */
export function flowFromTemplate(template: TemplateId, id: string, name: string): Flow {
  const base = emptyFlow(id, name)
  if (template === 'empty') return base
  const node = (
    nodeId: string,
    type: string,
    x: number,
    y: number,
    config: Record<string, unknown>,
  ) => ({ id: nodeId, type, position: { x, y }, data: { config } })
  return {
    ...base,
    variables: [{ name: 'topic', type: 'string' }],
    nodes: [
      node('start', 'start', 0, 80, {}),
      node('menu', 'ask', 260, 40, {
        question: '您好！请问需要什么帮助？',
        variants: { en: 'Hello! How can I help?' },
        variable: 'topic',
        answerType: 'choice',
        choices: [
          { label: '查询订单', value: 'order' },
          { label: '其他问题', value: 'other' },
        ],
      }),
      node('route', 'condition', 560, 40, {
        branches: [{ name: 'order', condition: 'vars.topic == "order"' }],
      }),
      node('order', 'reply', 860, -40, { text: '请在“我的订单”里查看物流进度。' }),
      node('other', 'reply', 860, 160, { text: '已记录您的问题，稍后为您处理。' }),
      node('bye', 'end', 1160, 60, { message: '感谢咨询，再见！' }),
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'menu' },
      { id: 'e2', source: 'menu', sourceHandle: 'answer', target: 'route' },
      { id: 'e3', source: 'route', sourceHandle: 'order', target: 'order' },
      { id: 'e4', source: 'route', sourceHandle: 'else', target: 'other' },
      { id: 'e5', source: 'order', sourceHandle: 'next', target: 'bye' },
      { id: 'e6', source: 'other', sourceHandle: 'next', target: 'bye' },
    ],
  }
}
