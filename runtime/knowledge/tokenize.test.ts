import { describe, expect, it } from 'vitest'
import { stemLite, tokenize } from './tokenize.ts'

describe('tokenize', () => {
  it('indexes Chinese as character bigrams of each run', () => {
    expect(tokenize('退货政策')).toEqual(expect.arrayContaining(['退货', '货政', '政策']))
  })

  it('finds a Chinese word the segmenter cut differently through the bigrams', () => {
    const documentTerms = new Set(tokenize('我们支持七天无理由退货'))

    expect(tokenize('无理由退货').filter((term) => documentTerms.has(term))).toEqual(
      expect.arrayContaining(['无理', '理由', '退货']),
    )
  })

  it('keeps words longer than two characters whole besides their bigrams', () => {
    expect(tokenize('用信用卡付款')).toEqual(expect.arrayContaining(['信用卡', '信用', '用卡']))
  })

  it('leaves out Chinese particles and function words', () => {
    const terms = tokenize('请问你们的退货政策是什么呢')

    expect(terms).not.toContain('请问')
    expect(terms).not.toContain('什么')
    expect(terms.some((term) => term.includes('的') || term.includes('呢'))).toBe(false)
  })

  it('does not pair characters across punctuation', () => {
    expect(tokenize('退货，运费')).not.toContain('货运')
  })

  it('lower-cases, stems and drops English stop words', () => {
    expect(tokenize('How are the Refunds processed?')).toEqual(['refund', 'process'])
  })

  it('normalises full-width letters and digits (NFKC)', () => {
    expect(tokenize('ＩＰＨＯＮＥ １５')).toEqual(tokenize('iphone 15'))
  })

  it('keeps letters and digits inside Chinese text as words', () => {
    expect(tokenize('我的iPhone15坏了')).toContain('iphone15')
  })

  it('keeps an acronym that spells a stop word in lower case', () => {
    expect(tokenize('Is COVID-19 spreading in the US?')).toEqual(['covid', '19', 'spread', 'us'])
  })

  it('gives the same terms to a query and a document that say the same', () => {
    expect(tokenize('退货运费')).toEqual(tokenize('退货运费'))
  })
})

describe('stemLite', () => {
  it.each([
    ['refunds', 'refund'],
    ['refunded', 'refund'],
    ['refunding', 'refund'],
    ['policies', 'policy'],
    ['stopped', 'stop'],
    ['causes', 'caus'],
    ['cause', 'caus'],
    ['caused', 'caus'],
    ['virus', 'virus'],
    ['glass', 'glass'],
    ['spelling', 'spell'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemLite(word)).toBe(stem)
  })

  it('leaves short words alone', () => {
    expect(stemLite('bus')).toBe('bus')
  })
})
