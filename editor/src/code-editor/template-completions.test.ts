import { describe, expect, it } from 'vitest'
import { emptyFlow } from '../model/draft-edits.ts'
import { nodePath, openExpression, templateCompletions } from './template-completions.ts'

const flow = {
  ...emptyFlow('f', 'Flow'),
  variables: [
    { name: 'orderId', type: 'string' as const },
    { name: 'amount', type: 'number' as const },
  ],
  nodes: [
    ...emptyFlow('f', 'Flow').nodes,
    { id: 'ask-1', type: 'ask', position: { x: 0, y: 0 }, data: { label: '问订单号', config: {} } },
    { id: 'lookup', type: 'http', position: { x: 0, y: 0 }, data: { config: {} } },
  ],
}

describe('template completions', () => {
  it('offers input, the flow variables, node outputs and system variables', () => {
    const labels = templateCompletions(flow, '').map((c) => c.label)

    expect(labels).toEqual(
      expect.arrayContaining([
        'input',
        'vars.orderId',
        'vars.amount',
        'nodes["ask-1"]',
        'nodes.lookup',
        'sys.conversationId',
      ]),
    )
    expect(labels).not.toContain('nodes.start')
  })

  it('narrows to what is being typed', () => {
    expect(templateCompletions(flow, ' vars.or').map((c) => c.label)).toEqual(['vars.orderId'])
    expect(templateCompletions(flow, 'NODES.l').map((c) => c.label)).toEqual(['nodes.lookup'])
  })

  it('tells the open expression before the cursor, and none outside braces', () => {
    expect(openExpression('您好 {{ vars.or')).toBe(' vars.or')
    expect(openExpression('{{ input }} 谢谢')).toBeNull()
    expect(openExpression('没有模板')).toBeNull()
  })

  it('writes ids that are not names with brackets', () => {
    expect(nodePath('ask_1')).toBe('nodes.ask_1')
    expect(nodePath('ask-1')).toBe('nodes["ask-1"]')
  })
})
