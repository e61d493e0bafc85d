import { describe, expect, it } from 'vitest'
import { parsePath, readPath } from './read-path.ts'

const body = {
  data: {
    items: [{ status: 'shipped' }, { status: 'paid' }],
    'order-id': 'A1',
    订单: { 状态: '已发货' },
  },
  total: 3,
}

describe('response paths', () => {
  it.each([
    ['data.items[0].status', 'shipped'],
    ['data.items[1].status', 'paid'],
    ['data["order-id"]', 'A1'],
    ['data.订单.状态', '已发货'],
    ['total', 3],
    ['', body],
  ])('reads %s', (path, expected) => {
    const segments = parsePath(path)

    expect(typeof segments).not.toBe('string')
    expect(readPath(body, segments as (string | number)[])).toEqual(expected)
  })

  it.each(['data.items[5].status', 'data.missing.deep', 'total.value', 'data.items.status'])(
    'gives undefined for the missing path %s',
    (path) => {
      expect(readPath(body, parsePath(path) as (string | number)[])).toBeUndefined()
    },
  )

  it('does not read inherited properties', () => {
    expect(readPath(body, parsePath('data.constructor') as string[])).toBeUndefined()
    expect(readPath(body, parsePath('__proto__') as string[])).toBeUndefined()
  })

  it.each(['data..items', 'data.items[x]', 'data items', '[0', 'data.items[-1]'])(
    'reports the malformed path %s',
    (path) => {
      expect(typeof parsePath(path)).toBe('string')
    },
  )
})
