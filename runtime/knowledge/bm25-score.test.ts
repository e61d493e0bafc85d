import { describe, expect, it } from 'vitest'
import { scoreBm25 } from './bm25-score.ts'

const corpus = { chunkCount: 2, meanTitleBytes: 6, meanBodyBytes: 12 }

describe('scoreBm25', () => {
  it('scores a match above zero even in a two-chunk knowledge base', () => {
    const score = scoreBm25({
      queryTerms: new Set(['退货']),
      titleTerms: '退货',
      bodyTerms: '',
      documentFrequencies: new Map([['退货', 1]]),
      corpus,
    })

    expect(score).toBeGreaterThan(0.5)
  })

  it('weighs a match in the title above the same match in the body', () => {
    const base = {
      queryTerms: new Set(['退货']),
      documentFrequencies: new Map([['退货', 1]]),
      corpus,
    }

    const inTitle = scoreBm25({ ...base, titleTerms: '退货', bodyTerms: '' })
    const inBody = scoreBm25({ ...base, titleTerms: '', bodyTerms: '退货' })

    expect(inTitle).toBeGreaterThan(inBody)
  })

  it('gives a rarer term more weight', () => {
    const documentFrequencies = new Map([
      ['退货', 1],
      ['商品', 2],
    ])
    const rare = scoreBm25({
      queryTerms: new Set(['退货']),
      titleTerms: '',
      bodyTerms: '退货',
      documentFrequencies,
      corpus,
    })
    const common = scoreBm25({
      queryTerms: new Set(['商品']),
      titleTerms: '',
      bodyTerms: '商品',
      documentFrequencies,
      corpus,
    })

    expect(rare).toBeGreaterThan(common)
  })

  it('scores zero without a shared term', () => {
    const score = scoreBm25({
      queryTerms: new Set(['发票']),
      titleTerms: '退货',
      bodyTerms: '运费',
      documentFrequencies: new Map(),
      corpus,
    })

    expect(score).toBe(0)
  })
})
