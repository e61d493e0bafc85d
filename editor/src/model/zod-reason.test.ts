import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { zodReason } from './zod-reason.ts'

/** zod's own English for the first issue of parsing `value` with `schema`. */
function issueMessage(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value)
  if (result.success) throw new Error('expected an issue')
  return result.error.issues[0]?.message ?? ''
}

const zh = (schema: z.ZodType, value: unknown, field?: string) =>
  zodReason(issueMessage(schema, value), field, 'zh-CN')

describe('zod reason', () => {
  it('says a missing field is required', () => {
    expect(zh(z.object({ a: z.string() }), {})).toBe('必须填写')
  })

  it('says how many characters, items or how large a number may be', () => {
    expect(zh(z.string().min(2), 'a')).toBe('至少需要 2 个字符')
    expect(zh(z.string().max(3), 'abcd')).toBe('最多 3 个字符')
    expect(zh(z.array(z.string()).min(1), [])).toBe('至少需要 1 项')
    expect(zh(z.array(z.string()).max(1), ['a', 'b'])).toBe('最多 1 项')
    expect(zh(z.number().min(1), 0)).toBe('不能小于 1')
    expect(zh(z.number().max(0.5), 1)).toBe('不能大于 0.5')
    expect(zh(z.number().positive(), 0)).toBe('必须大于 0')
  })

  it('names the expected type in Chinese', () => {
    expect(zh(z.number(), 'x')).toBe('应为数字')
    expect(zh(z.boolean(), 'x')).toBe('应为是/否')
  })

  it('lists the choices by their catalog labels', () => {
    expect(zh(z.enum(['text', 'number']), 'colour', 'answerType')).toBe('只能选：任意文本、数字')
  })

  it('says a value that does not match its pattern has the wrong format', () => {
    expect(zh(z.string().regex(/^a+$/), 'b')).toBe('格式不正确')
  })

  it('says a node type’s own English refinement as "not valid"', () => {
    expect(zodReason('add at least one choice', 'choices', 'zh-CN')).toBe('取值无效，请检查')
  })
})
