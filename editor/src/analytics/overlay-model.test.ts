import { describe, expect, it } from 'vitest'
import type { NodeStats } from '../../../shared/index.ts'
import { buildOverlay, mergeVariants } from './overlay-model.ts'

function node(nodeId: string, fields: Partial<NodeStats>): NodeStats {
  return {
    nodeId,
    entries: 0,
    exits: {},
    errors: 0,
    dropOffs: 0,
    steps: 0,
    durationMeanUs: null,
    durationP95Us: null,
    ...fields,
  }
}

describe('canvas overlay model', () => {
  it('gives a node its reach, drop-off rate and the share of each exit port', () => {
    const stats = [
      {
        variant: '',
        nodes: [
          node('start', { entries: 100, steps: 100, exits: { next: 100 } }),
          node('ask', { entries: 80, steps: 150, dropOffs: 20, exits: { answer: 60 } }),
        ],
      },
    ]

    const ask = buildOverlay(stats, [''])?.get('ask')?.columns[0]

    expect(ask).toMatchObject({
      reach: 0.8,
      dropOffRate: 0.25,
      exits: [{ port: 'answer', count: 60, share: 1 }],
    })
  })

  it('marks figures whose shares differ by 5 points or more between two variants', () => {
    const stats = [
      {
        variant: 'A',
        nodes: [
          node('start', { entries: 100 }),
          node('intent', { entries: 100, steps: 100, exits: { refund: 50, fallback: 50 } }),
        ],
      },
      {
        variant: 'B',
        nodes: [
          node('start', { entries: 300 }),
          node('intent', { entries: 300, steps: 300, exits: { refund: 180, fallback: 120 } }),
        ],
      },
    ]

    const intent = buildOverlay(stats, ['A', 'B']).get('intent')

    expect([...(intent?.differences ?? [])].sort()).toEqual(['exit:fallback', 'exit:refund'])
  })

  it('does not mark counts that differ only because traffic was split unevenly', () => {
    const stats = ['A', 'B'].map((variant, i) => ({
      variant,
      nodes: [node('start', { entries: 100 * (i + 1) }), node('ask', { entries: 50 * (i + 1) })],
    }))

    expect(buildOverlay(stats, ['A', 'B']).get('ask')?.differences.size).toBe(0)
  })

  it('sums variants for the overlay without an experiment', () => {
    const merged = mergeVariants([
      { variant: 'A', nodes: [node('ask', { entries: 2, steps: 2, exits: { answer: 2 } })] },
      {
        variant: '',
        nodes: [node('ask', { entries: 3, steps: 3, exits: { answer: 1, error: 1 } })],
      },
    ])

    expect(merged.nodes[0]).toMatchObject({ entries: 5, steps: 5, exits: { answer: 3, error: 1 } })
  })
})
