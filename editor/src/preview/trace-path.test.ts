import { describe, expect, it } from 'vitest'
import { formatDuration, pathOf, portKey } from './trace-path.ts'

describe('trace path', () => {
  it('lights the nodes passed and the ports left, not a port a node waited on', () => {
    const path = pathOf([
      {
        id: 't1',
        seq: 1,
        durationMs: 1,
        steps: [
          {
            step: 1,
            nodeId: 'start',
            nodeType: 'start',
            port: 'next',
            outcome: 'port',
            durationUs: 5,
          },
          { step: 2, nodeId: 'ask', nodeType: 'ask', port: null, outcome: 'wait', durationUs: 5 },
        ],
      },
    ])

    expect([...path.nodeIds]).toEqual(['start', 'ask'])
    expect([...path.portKeys]).toEqual([portKey('start', 'next')])
  })

  it('formats durations in the unit an operator reads', () => {
    expect(formatDuration(120)).toBe('120 µs')
    expect(formatDuration(3400)).toBe('3.4 ms')
    expect(formatDuration(1_200_000)).toBe('1.2 s')
  })
})
