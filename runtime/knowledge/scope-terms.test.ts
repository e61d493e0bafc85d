import { describe, expect, it } from 'vitest'
import { candidateTerms, matchExpression } from './scope-terms.ts'

describe('candidateTerms', () => {
  const frequencies = new Map([
    ['退货', 40],
    ['运费', 300],
    ['的话', 60_000],
    ['商品', 30_000],
  ])

  it('looks for candidates with the rare terms only, rarest first', () => {
    const picked = candidateTerms(new Set(['商品', '运费', '退货']), frequencies, 100_000)

    expect(picked).toEqual({ terms: ['退货', '运费'], isConjunctive: false })
  })

  it('asks for all informative terms when none is rare, leaving out those in half the chunks', () => {
    const picked = candidateTerms(new Set(['的话', '商品']), frequencies, 100_000)

    expect(picked).toEqual({ terms: ['商品'], isConjunctive: true })
  })

  it('narrows an all-common query with its four rarest informative terms only', () => {
    const common = new Map(
      ['甲', '乙', '丙', '丁', '戊', '己'].map((term, i) => [term, 10_000 + i * 1_000]),
    )

    const picked = candidateTerms(new Set(['己', '戊', '丁', '丙', '乙', '甲']), common, 100_000)

    expect(picked).toEqual({ terms: ['甲', '乙', '丙', '丁'], isConjunctive: true })
  })

  it('leaves out terms no chunk contains', () => {
    const picked = candidateTerms(new Set(['火箭', '退货']), frequencies, 100_000)

    expect(picked.terms).toEqual(['退货'])
  })

  it('treats every term as rare in a small knowledge base', () => {
    const picked = candidateTerms(
      new Set(['商品', '退货']),
      new Map([
        ['商品', 150],
        ['退货', 3],
      ]),
      200,
    )

    expect(picked).toEqual({ terms: ['退货', '商品'], isConjunctive: false })
  })
})

describe('matchExpression', () => {
  it('filters by knowledge base and tags inside the index and quotes every term', () => {
    const match = matchExpression({
      terms: ['and', '退货'],
      knowledgeBaseIds: ['kb1'],
      tags: ['售后'],
    })

    expect(match).toBe(
      'scope : ("kbx6b6231") AND scope : ("tgxe594aee5908e") AND {title body} : ("and" OR "退货")',
    )
  })
})
