import { describe, expect, it } from 'vitest'
import { emptyFlow } from './draft-edits.ts'
import { freeFlowId, newFlowId, parseFlowFile, serializeFlow } from './flow-file.ts'

describe('flow files', () => {
  it('reads back what it exports', () => {
    const flow = emptyFlow('greeting', '问候')

    expect(parseFlowFile(serializeFlow(flow))).toEqual({ kind: 'flow', flow })
  })

  it('tells a file that is not JSON from JSON that is not a flow', () => {
    expect(parseFlowFile('{ nope')).toEqual({ kind: 'not_json' })
    expect(parseFlowFile('{"hello":1}').kind).toBe('not_a_flow')
  })

  it('keeps node-level problems of an imported flow for the editor to show', () => {
    const flow = {
      ...emptyFlow('f', 'f'),
      nodes: [{ id: 'x', type: 'gone', position: { x: 0, y: 0 }, data: { config: { a: 1 } } }],
    }

    const result = parseFlowFile(JSON.stringify(flow))

    expect(result.kind === 'flow' && result.flow.nodes[0]?.data.config).toEqual({ a: 1 })
  })

  it('finds a free id by numbering', () => {
    expect(freeFlowId('a', new Set())).toBe('a')
    expect(freeFlowId('a', new Set(['a', 'a-2']))).toBe('a-3')
  })

  it('derives a URL-safe id from a Latin name and a dated one from a Chinese name', () => {
    expect(newFlowId('Order Help!', 0)).toBe('order-help')
    expect(newFlowId('售后', 36)).toBe('flow-10')
  })
})
