import { describe, expect, it } from 'vitest'
import { collectReferences } from './index.ts'
import { expressionErrorFrom } from './test-scope.ts'

const pathsOf = (source: string, kind: 'template' | 'expression' = 'expression') =>
  collectReferences(source, kind).map((reference) => reference.path)

describe('collectReferences', () => {
  it('lists the path and position of a variable', () => {
    expect(collectReferences('vars.tries < 3', 'expression')).toEqual([
      { path: ['vars', 'tries'], position: 0 },
    ])
  })

  it('reads bracket keys and indexes as path steps', () => {
    expect(pathsOf('nodes["ask-1"].value + vars.items[0]')).toEqual([
      ['nodes', 'ask-1', 'value'],
      ['vars', 'items', '0'],
    ])
  })

  it('stops a path at the first computed step and lists the path inside it', () => {
    expect(pathsOf('vars.items[vars.index].name')).toEqual([
      ['vars', 'items'],
      ['vars', 'index'],
    ])
  })

  it('lists a bare root such as input', () => {
    expect(pathsOf('input contains "退货"')).toEqual([['input']])
  })

  it('lists unknown roots, so validation can warn about them', () => {
    expect(pathsOf('customer.name')).toEqual([['customer', 'name']])
  })

  it('finds paths inside calls, arrays, unary and logical operators', () => {
    expect(pathsOf('not len(vars.a) or [user.b] contains -sys.c')).toEqual([
      ['vars', 'a'],
      ['user', 'b'],
      ['sys', 'c'],
    ])
  })

  it('does not list function names or literals', () => {
    expect(pathsOf('round(3.5) + len("vars.x")')).toEqual([])
  })

  it('lists paths of every placeholder of a template with positions in the template', () => {
    const references = collectReferences('{{ user.name }}，订单 {{ vars.orderId }}', 'template')

    expect(references).toEqual([
      { path: ['user', 'name'], position: 3 },
      { path: ['vars', 'orderId'], position: 22 },
    ])
  })

  it('throws ExpressionError on bad syntax', () => {
    expect(expressionErrorFrom(() => collectReferences('vars.', 'expression')).position).toBe(5)
  })
})
