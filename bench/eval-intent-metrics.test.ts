import { describe, expect, it } from 'vitest'
import { holdOut, pickHoldoutIntents } from './eval-intent-data.ts'
import { scorePredictions } from './eval-intent-metrics.ts'

describe('eval:intent scoring', () => {
  it('counts fallback as right for oos lines and wrong for in-scope ones', () => {
    const scores = scorePredictions([
      { label: 'refund', port: 'refund', ms: 1, cpuMs: 1 },
      { label: 'refund', port: 'fallback', ms: 1, cpuMs: 1 },
      { label: 'oos', port: 'fallback', ms: 1, cpuMs: 1 },
      { label: 'oos', port: 'refund', ms: 1, cpuMs: 1 },
    ])

    expect(scores).toMatchObject({
      accuracy: 0.5,
      inScopeAccuracy: 0.5,
      oosRecall: 0.5,
      oosPrecision: 0.5,
      n: 4,
    })
  })

  it('reports no out-of-scope figures for a test set without oos lines', () => {
    const scores = scorePredictions([{ label: 'refund', port: 'fallback', ms: 1, cpuMs: 1 }])

    expect(scores).toMatchObject({ oosRecall: null, oosPrecision: null })
  })
})

describe('--holdout-intents', () => {
  it('holds out the same intents whatever the order of the lines', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f']

    expect(pickHoldoutIntents(labels, 2)).toEqual(pickHoldoutIntents([...labels].reverse(), 2))
    expect(pickHoldoutIntents(labels, 2)).toHaveLength(2)
  })

  it('drops held-out intents from training and relabels their test lines oos', () => {
    const result = holdOut(
      [
        { text: '退货', label: 'return' },
        { text: '发票', label: 'invoice' },
      ],
      [
        { text: '我要退货', label: 'return' },
        { text: '开发票', label: 'invoice' },
      ],
      ['return'],
    )

    expect(result.train.map((line) => line.label)).toEqual(['invoice'])
    expect(result.test.map((line) => line.label)).toEqual(['oos', 'invoice'])
  })
})
