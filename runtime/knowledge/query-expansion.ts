import { englishStopWords } from './stop-words.ts'
import { tokenize } from './tokenize.ts'
import type { WordNet } from './wordnet.ts'

/** Adds related terms to a query: term → weight (below 1, the weight of the query's own terms). */
export type QueryExpander = (query: string, queryTerms: ReadonlySet<string>) => Map<string, number>

export interface ExpansionOptions {
  /** Weight of an added term; the query's own terms weigh 1. */
  weight: number
  /** How many senses of each word (most frequent first) give related words. */
  senses: number
  /** Whether derivationally related forms ("infect" → infection) are added too. */
  derivedForms: boolean
}

// A synonym is weaker evidence than the customer's own word: it may be another sense. 0.3 was
// compared with 0.5 only (docs/quality.md); both gain, 0.3 keeps more of the top answers.
// WordNet orders senses by frequency; the first two cover most everyday uses of a word, all of
// them add rare senses ("come" as a noun) that pull in unrelated FAQ entries.
export const defaultExpansion: ExpansionOptions = { weight: 0.3, senses: 2, derivedForms: true }
const maxRelatedPerWord = 20
const maxCachedWords = 10_000

const englishWord = /[A-Za-z][A-Za-z'-]*/g

/**
 * English query expansion from WordNet: for each word of the query, the other words of its
 * two most frequent senses (per part of speech: "risky" → hazardous, "US" → United States)
 * and their derivationally related forms ("infect" → infection, "risky" → risk), tokenized like
 * the index, at weight 0.3. Only the query grows, so existing knowledge bases need no
 * re-indexing. Other scripts are left as they are (no Chinese thesaurus is available here).
 */
export function createWordNetExpander(
  wordNet: () => WordNet | undefined,
  options: ExpansionOptions = defaultExpansion,
): QueryExpander {
  // Terms per word, kept between queries: customers ask about the same things in the same
  // words, and a look-up tokenizes up to 20 related words. Cleared whole when full.
  const termsOfWord = new Map<string, string[]>()
  const relatedTerms = (lexicon: WordNet, word: string): string[] => {
    const cached = termsOfWord.get(word)
    if (cached) return cached
    const terms = new Set<string>()
    for (const related of relatedWords(lexicon, word, options)) {
      // "u.s." → "u", "s": single letters match too much to mean anything.
      for (const term of tokenize(related.replaceAll('_', ' ')))
        if (term.length > 1) terms.add(term)
    }
    if (termsOfWord.size >= maxCachedWords) termsOfWord.clear()
    const found = [...terms]
    termsOfWord.set(word, found)
    return found
  }
  return (query, queryTerms) => {
    const expansion = new Map<string, number>()
    const words = query.normalize('NFKC').match(englishWord) ?? []
    if (words.length === 0) return expansion
    const lexicon = wordNet()
    if (!lexicon) return expansion
    for (const word of words) {
      const lower = word.toLowerCase()
      if (lower.length < 2 || (englishStopWords.has(lower) && !isAcronym(word))) continue
      for (const term of relatedTerms(lexicon, lower)) {
        if (!queryTerms.has(term)) expansion.set(term, options.weight)
      }
    }
    return expansion
  }
}

function relatedWords(wordNet: WordNet, word: string, options: ExpansionOptions): string[] {
  const related = new Set<string>()
  for (const { lemma, partOfSpeech, senses } of wordNet.lemmas(word)) {
    for (const offset of senses.slice(0, options.senses)) {
      const synset = wordNet.synset(partOfSpeech, offset)
      for (const synonym of synset.words) related.add(synonym)
      const wordNumber = synset.words.indexOf(lemma) + 1
      for (const pointer of options.derivedForms ? synset.pointers : []) {
        if (pointer.symbol !== '+') continue
        if (pointer.sourceWord !== 0 && pointer.sourceWord !== wordNumber) continue
        const target = wordNet.synset(pointer.partOfSpeech, pointer.offset)
        const form = target.words[pointer.targetWord - 1]
        if (form) related.add(form)
      }
    }
    related.delete(lemma)
  }
  related.delete(word)
  return [...related].slice(0, maxRelatedPerWord)
}

// Same rule as the tokenizer: "US" is the country, "us" the stop word.
function isAcronym(word: string): boolean {
  return word.length >= 2 && /^[A-Z]+$/.test(word)
}
