import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { builtinNodeTypes } from '../../../nodes/index.ts'
import { asSchema, fieldKind, newRow, objectFields, setField, splitList } from './schema-fields.ts'

const ask = builtinNodeTypes.find((t) => t.type === 'ask')
const askFields = objectFields(asSchema(ask ? z.toJSONSchema(ask.config, { io: 'input' }) : {}))
const kindOf = (name: string) => askFields.find((f) => f.name === name)?.kind

describe('schema fields', () => {
  it("reads the ask node's form from its zod schema and UI hints", () => {
    expect(kindOf('question')).toBe('multiline')
    expect(kindOf('variable')).toBe('text')
    expect(kindOf('answerType')).toBe('enum')
    expect(kindOf('choices')).toBe('table')
    expect(kindOf('variants')).toBe('variants')
    expect(kindOf('maxAttempts')).toBe('integer')
    expect(kindOf('skipIfFilled')).toBe('boolean')
  })

  it('edits code and prompts as code and unknown shapes as JSON', () => {
    expect(fieldKind({ type: 'string', ui: 'code' })).toBe('code')
    expect(fieldKind({ type: 'string', ui: 'prompt' })).toBe('code')
    expect(fieldKind({ type: 'array', items: { type: 'array' } })).toBe('json')
    expect(fieldKind({})).toBe('json')
  })

  it('removes a cleared optional field instead of storing an empty string', () => {
    const spec = {
      name: 'value',
      kind: 'text' as const,
      schema: { type: 'string' },
      isRequired: false,
    }

    expect(setField({ value: 'x', label: 'a' }, spec, '')).toEqual({ label: 'a' })
  })

  it('starts a new row with defaults, first choices and empty required text', () => {
    const items = asSchema({
      type: 'object',
      properties: {
        name: { type: 'string' },
        type: { type: 'string', enum: ['string', 'number'] },
        tags: { type: 'array', items: { type: 'string' }, default: [] },
        note: { type: 'string' },
      },
      required: ['name', 'type'],
    })

    expect(newRow(items)).toEqual({ name: '', type: 'string', tags: [] })
  })

  it('splits lists on Latin and Chinese commas', () => {
    expect(splitList('订单, 物流，快递 ,')).toEqual(['订单', '物流', '快递'])
  })
})
