import { describe, expect, it } from 'vitest'
import { layoutFlow } from './auto-layout.ts'
import { addNode, connectPort, emptyFlow, moveNodes } from './draft-edits.ts'

function chain() {
  let flow = emptyFlow('f', 'Flow')
  flow = addNode(flow, { type: 'ask', position: { x: 500, y: 500 } }).flow
  flow = addNode(flow, { type: 'reply', position: { x: -300, y: 40 } }).flow
  flow = addNode(flow, { type: 'end', position: { x: 0, y: 0 } }).flow
  flow = connectPort(flow, { source: 'start', port: 'next', target: 'ask-1' })
  flow = connectPort(flow, { source: 'ask-1', port: 'answer', target: 'reply-1' })
  flow = connectPort(flow, { source: 'ask-1', port: 'invalid', target: 'end-1' })
  return flow
}

describe('layoutFlow', () => {
  it('places each node to the right of the node that leads to it', () => {
    const positions = layoutFlow(chain())

    const x = (id: string) => positions.get(id)?.x ?? Number.NaN
    expect(x('ask-1')).toBeGreaterThan(x('start'))
    expect(x('reply-1')).toBeGreaterThan(x('ask-1'))
    expect(x('end-1')).toBeGreaterThan(x('ask-1'))
  })

  it('stacks the targets of one node without overlapping them', () => {
    const sizes = new Map([
      ['reply-1', { width: 200, height: 150 }],
      ['end-1', { width: 200, height: 150 }],
    ])

    const positions = layoutFlow(chain(), sizes)

    const reply = positions.get('reply-1')
    const end = positions.get('end-1')
    expect(reply?.x).toBe(end?.x)
    expect(Math.abs((reply?.y ?? 0) - (end?.y ?? 0))).toBeGreaterThanOrEqual(150)
  })

  it('keeps the start node where it was, so the view does not jump', () => {
    const flow = moveNodes(chain(), new Map([['start', { x: 120, y: -60 }]]))

    expect(layoutFlow(flow).get('start')).toEqual({ x: 120, y: -60 })
  })

  it('gives every node a whole-number position, also nodes without edges', () => {
    const flow = addNode(chain(), { type: 'reply', position: { x: 9, y: 9 } }).flow

    const positions = layoutFlow(flow)

    expect(positions.size).toBe(flow.nodes.length)
    for (const p of positions.values()) {
      expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true)
    }
  })
})
