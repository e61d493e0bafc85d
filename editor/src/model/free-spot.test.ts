import { describe, expect, it } from 'vitest'
import { addNode, emptyFlow } from './draft-edits.ts'
import { freeSpotNear } from './free-spot.ts'

describe('freeSpotNear', () => {
  it('keeps the middle of the view when nothing is there', () => {
    expect(freeSpotNear(emptyFlow('f', 'Flow'), { x: 900, y: 900 })).toEqual({ x: 900, y: 900 })
  })

  it('puts a node added onto the start node beside it, on the same row', () => {
    const flow = emptyFlow('f', 'Flow')
    const start = flow.nodes[0]?.position ?? { x: 0, y: 0 }

    const spot = freeSpotNear(flow, { x: start.x + 80, y: start.y + 30 })

    expect(spot).toEqual({ x: start.x + 80 + 240, y: start.y + 30 })
  })

  it('goes on to the next free cell when the one beside is taken too', () => {
    const base = emptyFlow('f', 'Flow')
    const beside = addNode(base, { type: 'reply', position: { x: 240, y: 0 } }).flow
    const flow = {
      ...beside,
      nodes: beside.nodes.map((n) => (n.type === 'start' ? { ...n, position: { x: 0, y: 0 } } : n)),
    }

    expect(freeSpotNear(flow, { x: 0, y: 0 })).toEqual({ x: -240, y: 0 })
  })
})
