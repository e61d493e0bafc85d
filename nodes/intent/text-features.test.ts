import { describe, expect, it } from 'vitest'
import { normalizeText, stemWord, termCounts, wordsOf } from './text-features.ts'

describe('text features', () => {
  it('normalizes full-width characters, case and numbers', () => {
    expect(normalizeText('ＡＢＣ 订单１２３４５ at 7:30')).toBe('abc 订单0 at 0')
  })

  it('splits Chinese into words and drops punctuation and emoji', () => {
    expect(wordsOf(normalizeText('你好，世界！😀 refund please'))).toEqual([
      '你好',
      '世界',
      'refund',
      'please',
    ])
  })

  it('stems English plurals and verb endings', () => {
    expect(['alarms', 'playing', 'parties', 'boxes', 'class'].map(stemWord)).toEqual([
      'alarm',
      'play',
      'party',
      'box',
      'class',
    ])
  })

  it('counts words, bigrams with edges and character n-grams', () => {
    const counts = termCounts('refund')

    expect(counts.get('w:refund')).toBe(1)
    expect(counts.get('b:^ refund')).toBe(1)
    expect(counts.get('b:refund $')).toBe(1)
    expect(counts.get('c:f')).toBe(1)
    expect(counts.get('c: ref')).toBe(1)
  })

  it('bounds the work for a huge message', () => {
    const counts = termCounts('退货'.repeat(100_000))

    expect(counts.size).toBeLessThan(50)
  })
})
