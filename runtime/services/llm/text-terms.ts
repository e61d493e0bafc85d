// Scripts written without spaces between words: there, character bigrams stand in for words.
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const wordPattern = /[\p{L}\p{N}]+/gu

// Words that appear in almost every question and would make unrelated sentences match.
const englishStopwords = new Set(
  `a an the is are was were be been am do does did of to in on at for from by with and or but not
  no it its this that these those i me my we our us you your he she they them their what which who
  whom how when where why can could would should will shall may might must have has had there here
  as if than then so such about into any some all please tell know want need get`.split(/\s+/),
)
const chineseStopBigrams = new Set([
  '请问',
  '你们',
  '我们',
  '我想',
  '想问',
  '问一',
  '一下',
  '怎么',
  '什么',
  '如何',
  '可以',
  '是否',
  '是不',
  '不是',
  '有没',
  '没有',
  '能不',
  '不能',
  '这个',
  '那个',
  '多少',
  '的话',
  '时候',
])

export function containsCjk(text: string): boolean {
  return cjkCharacter.test(text)
}

// Only plural -s: enough for "refunds"/"refund", never turns one word into another.
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

/**
 * The terms two texts are compared by: character bigrams of CJK runs (a lone character when a
 * run has only one), lower-cased and lightly stemmed words elsewhere, common function words out.
 */
export function termsOf(text: string): Set<string> {
  const lower = text.toLowerCase()
  const terms = new Set<string>()
  for (const [run] of lower.matchAll(cjkRun)) {
    if (run.length === 1) terms.add(run)
    for (let i = 0; i + 1 < run.length; i++) {
      const bigram = run.slice(i, i + 2)
      if (!chineseStopBigrams.has(bigram)) terms.add(bigram)
    }
  }
  for (const [word] of lower.replace(cjkRun, ' ').matchAll(wordPattern)) {
    const isDigits = /^\d+$/.test(word)
    if ((word.length < 2 && !isDigits) || englishStopwords.has(word)) continue
    terms.add(isDigits ? word : stem(word))
  }
  return terms
}

// Below this many terms a fragment (a heading, "退货政策") would beat every real sentence.
const minimumTerms = 4

export type TermWeight = (term: string) => number

/**
 * Inverse document frequency over the candidate sentences: a term found in every sentence
 * ("退货" in a return policy) tells them apart less than a term found in one.
 */
export function inverseDocumentFrequency(documents: readonly Set<string>[]): TermWeight {
  const counts = new Map<string, number>()
  for (const terms of documents) {
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1)
  }
  return (term) => Math.log(1 + documents.length / Math.max(1, counts.get(term) ?? 0))
}

/**
 * Weighted set cosine, 0 to 1. A candidate with fewer than `minimumTerms` terms is measured
 * as if it had that many of the rarest kind, so a short heading cannot win on length alone.
 */
export function similarity(
  question: Set<string>,
  candidate: Set<string>,
  weight: TermWeight,
  rarestWeight: number,
): number {
  let shared = 0
  let questionNorm = 0
  for (const term of question) {
    const squared = weight(term) ** 2
    questionNorm += squared
    if (candidate.has(term)) shared += squared
  }
  if (shared === 0) return 0
  let candidateNorm = 0
  for (const term of candidate) candidateNorm += weight(term) ** 2
  candidateNorm = Math.max(candidateNorm, minimumTerms * rarestWeight ** 2)
  return shared / Math.sqrt(questionNorm * candidateNorm)
}
