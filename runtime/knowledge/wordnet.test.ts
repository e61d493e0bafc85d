import { describe, expect, it } from 'vitest'
import { createWordNetExpander } from './query-expansion.ts'
import { tokenize } from './tokenize.ts'
import { sharedWordNet, WordNet, wordNetProblem } from './wordnet.ts'

const wordNet = WordNet.open()

describe('WordNet', () => {
  it('finds a lemma by binary search, with its senses most frequent first', () => {
    const senses = wordNet.senses('risk', 'n')

    expect(senses.length).toBeGreaterThanOrEqual(2)
    expect(wordNet.synset('n', senses[0] ?? 0).words).toContain('risk')
    expect(wordNet.senses('qwertyuiop', 'n')).toEqual([])
  })

  it('finds the first and the last entry of an index file', () => {
    expect(wordNet.senses("'hood", 'n').length).toBe(1)
    expect(wordNet.senses('zymurgy', 'n').length).toBe(1)
  })

  it('takes inflected forms back to their lemma (Morphy rules)', () => {
    const lemmas = (word: string) => wordNet.lemmas(word).map((found) => found.lemma)

    expect(lemmas('infected')).toContain('infect')
    expect(lemmas('patients')).toContain('patient')
    expect(lemmas('washing')).toContain('wash')
  })

  it('opens once per process and reports no problem when the package is there', () => {
    expect(sharedWordNet()).toBe(sharedWordNet())
    expect(wordNetProblem()).toBeUndefined()
  })

  it('refuses a folder without the database files', () => {
    expect(() => WordNet.open('/nonexistent-wordnet')).toThrow(/ENOENT/)
  })
})

describe('query expansion from WordNet', () => {
  const expand = createWordNetExpander(() => wordNet)
  const expansionOf = (query: string) => expand(query, new Set(tokenize(query)))

  it('adds synonyms and derived forms at a weight below the query’s own terms', () => {
    const terms = expansionOf('Is it risky to travel to the US?')

    expect(terms.get('risk')).toBe(0.3)
    expect(terms.get('hazardous')).toBe(0.3)
    expect(terms.has('unit')).toBe(true)
    expect(terms.has('america')).toBe(true)
    expect(expansionOf('How do I infect someone?').has('infection')).toBe(true)
  })

  it('never re-adds a term the query already has', () => {
    const query = 'risky risk'
    const terms = expand(query, new Set(tokenize(query)))

    expect(terms.has('risk')).toBe(false)
  })

  it('leaves stop words alone but reads an acronym as a word ("US" is not "us")', () => {
    expect(expansionOf('about us').size).toBe(0)
    expect(expansionOf('in the US').size).toBeGreaterThan(0)
  })

  it('adds nothing for Chinese, digits, unknown words or an empty query', () => {
    expect(expansionOf('退货政策是什么').size).toBe(0)
    expect(expansionOf('12345 qwertyuiop').size).toBe(0)
    expect(expansionOf('').size).toBe(0)
  })

  it('searches on without expansion when WordNet cannot be opened', () => {
    const withoutLexicon = createWordNetExpander(() => undefined)

    expect(withoutLexicon('Is it risky?', new Set(['risky'])).size).toBe(0)
  })
})
