import { ExpressionError } from '../errors.ts'
import type { TemplateScope } from '../node-api.ts'

/** The scope the expression tests read: a customer asking to return an order. */
export function testScope(overrides: Partial<TemplateScope> = {}): TemplateScope {
  return {
    input: '你好，我要退货',
    vars: {
      orderId: 'A1024',
      tries: 2,
      items: ['手机', '耳机'],
      prices: [30, 12.5, 99],
      address: { city: '上海' },
      empty: '',
      zero: 0,
    },
    user: { name: '张三', isVip: true },
    nodes: { 'ask-1': { value: '13800138000' } },
    sys: { conversationId: 'c1', channel: 'web' },
    ...overrides,
  }
}

/** The ExpressionError `run` throws; fails the test when it throws nothing or something else. */
export function expressionErrorFrom(run: () => unknown): ExpressionError {
  try {
    run()
  } catch (error) {
    if (error instanceof ExpressionError) return error
    throw error
  }
  throw new Error('Expected an ExpressionError but nothing was thrown')
}
