import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { friendlyIssues, zodIssueParams } from '../../../shared/index.ts'
import { zodReason, zodReasonFromParams } from './zod-reason.ts'

/** The first issue of parsing `value` with `schema`, as validateFlow sees it. */
function firstIssue(schema: z.ZodType, value: unknown): z.core.$ZodIssue {
  const result = schema.safeParse(value, friendlyIssues)
  if (result.success) throw new Error('expected an issue')
  const [issue] = result.error.issues
  if (!issue) throw new Error('expected an issue')
  return issue
}

// The same expectations hold for the issue's params (this server) and its English message
// (a server older than params).
const readers = {
  params: (schema: z.ZodType, value: unknown, field?: string) =>
    zodReasonFromParams(zodIssueParams(firstIssue(schema, value)), field, 'zh-CN'),
  message: (schema: z.ZodType, value: unknown, field?: string) =>
    zodReason(firstIssue(schema, value).message, field, 'zh-CN'),
}

describe.each(Object.entries(readers))('zod reason from the issue %s', (_, zh) => {
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
})

describe('zod issue params', () => {
  it('carry the code and the limit in JSON Schema’s words, exclusive limits apart', () => {
    expect(zodIssueParams(firstIssue(z.number().min(1), 0))).toEqual({
      issue: 'too_small',
      origin: 'number',
      minimum: 1,
    })
    expect(zodIssueParams(firstIssue(z.number().lt(5), 9))).toEqual({
      issue: 'too_big',
      origin: 'number',
      exclusiveMaximum: 5,
    })
  })

  it('carry the allowed values as strings and the format of a pattern', () => {
    expect(zodIssueParams(firstIssue(z.enum(['a', 'b']), 'c'))).toEqual({
      issue: 'invalid_value',
      values: ['a', 'b'],
    })
    expect(zodIssueParams(firstIssue(z.string().regex(/^a+$/), 'b'))).toEqual({
      issue: 'invalid_format',
      format: 'regex',
      pattern: '/^a+$/',
    })
  })

  it('mark a missing field as received undefined, a wrong type without it', () => {
    expect(zodIssueParams(firstIssue(z.object({ a: z.string() }), {}))).toEqual({
      issue: 'invalid_type',
      expected: 'string',
      received: 'undefined',
    })
    expect(zodIssueParams(firstIssue(z.number(), 'x'))).toEqual({
      issue: 'invalid_type',
      expected: 'number',
    })
  })
})

describe('zod reason', () => {
  it('says a node type’s own English refinement as "not valid"', () => {
    expect(zodReason('add at least one choice', 'choices', 'zh-CN')).toBe('取值无效，请检查')
    expect(zodReasonFromParams({ issue: 'custom' }, 'choices', 'zh-CN')).toBe('取值无效，请检查')
  })
})
