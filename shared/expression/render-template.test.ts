import { describe, expect, it } from 'vitest'
import {
  checkSyntax,
  maxTemplateLength,
  parseCacheCapacity,
  parseTemplate,
  renderTemplate,
} from './index.ts'
import { expressionErrorFrom, testScope } from './test-scope.ts'

const scope = testScope()
const render = (template: string) => renderTemplate(template, scope)

describe('renderTemplate', () => {
  it('replaces a placeholder with a text value', () => {
    expect(render('您的订单 {{ vars.orderId }} 已发货')).toBe('您的订单 A1024 已发货')
  })

  it('writes numbers and booleans as String does', () => {
    expect(render('{{ vars.tries }}/{{ 0.5 }}/{{ user.isVip }}')).toBe('2/0.5/true')
  })

  it('writes null and missing values as nothing', () => {
    expect(render('[{{ null }}][{{ vars.missing.deep }}]')).toBe('[][]')
  })

  it('writes arrays and objects as JSON', () => {
    expect(render('{{ vars.items }} {{ vars.address }}')).toBe('["手机","耳机"] {"city":"上海"}')
  })

  it('renders adjacent placeholders and placeholders without spaces', () => {
    expect(render('{{vars.orderId}}{{ user.name }}')).toBe('A1024张三')
  })

  it('leaves text without placeholders unchanged, stray braces included', () => {
    expect(render('价格 {100} }} {')).toBe('价格 {100} }} {')
  })

  it('writes \\{{ as a literal {{', () => {
    expect(render('用 \\{{ vars.orderId }} 引用变量')).toBe('用 {{ vars.orderId }} 引用变量')
  })

  it('does not end a placeholder at }} inside a string literal', () => {
    expect(render('{{ "}}" + vars.orderId }}')).toBe('}}A1024')
  })

  it('evaluates full expressions, defaults included', () => {
    expect(render('{{ user.nickname or "顾客" }}您好，第 {{ vars.tries + 1 }} 次')).toBe(
      '顾客您好，第 3 次',
    )
  })
})

describe('template errors', () => {
  it('points at an unclosed {{', () => {
    const error = expressionErrorFrom(() => render('您好 {{ user.name，欢迎'))

    expect(error.message).toBe(
      '"{{" is not closed: expected "}}" but found the end of the template at position 3',
    )
  })

  it('points into the template for errors inside a placeholder', () => {
    expect(checkSyntax('订单 {{ vars. }}', 'template')?.message).toBe(
      'Expected a property name after "." but found "}}" at position 12',
    )
  })

  it('reports an empty placeholder', () => {
    expect(checkSyntax('a {{ }} b', 'template')?.position).toBe(5)
  })

  it('keeps the whole template as the error source', () => {
    expect(checkSyntax('订单 {{ 1 + }}', 'template')?.source).toBe('订单 {{ 1 + }}')
  })

  it('points into the template for errors while rendering', () => {
    const withPattern = testScope({ vars: { pattern: '(' } })

    const error = expressionErrorFrom(() =>
      renderTemplate('结果 {{ input matches vars.pattern }}', withPattern),
    )

    expect(error.position).toBe(20)
  })

  it(`refuses a template longer than ${maxTemplateLength} characters`, () => {
    expect(checkSyntax('x'.repeat(maxTemplateLength + 1), 'template')?.position).toBe(
      maxTemplateLength,
    )
  })
})

describe('template parse cache', () => {
  it('returns the same parts for the same template', () => {
    expect(parseTemplate('您好 {{ user.name }}')).toBe(parseTemplate('您好 {{ user.name }}'))
  })

  it(`forgets the least recently used template past ${parseCacheCapacity} entries`, () => {
    const first = parseTemplate('probe {{ vars.cacheProbe }}')
    for (let i = 0; i < parseCacheCapacity; i += 1) parseTemplate(`filler {{ ${i} }}`)

    expect(parseTemplate('probe {{ vars.cacheProbe }}')).not.toBe(first)
  })
})
