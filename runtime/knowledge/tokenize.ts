import { chineseStopWords, englishStopWords } from './stop-words.ts'

// Scripts written without spaces: there, character bigrams stand in for words, so a query
// still matches when the segmenter cut a word differently in the document than in the query.
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu
const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const wordPart = /[\p{L}\p{N}]+/gu
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/**
 * A light English stemmer: plural -s, -ed, -ing and a final -e, so that "refunds", "refunded",
 * "refunding" and "refund" (and "cause", "caused", "causes") become one term. It never maps a
 * word onto an unrelated one; it does leave irregular forms ("ran") alone.
 */
export function stemLite(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word
  let stem = word
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2)
  else if (stem.endsWith('s') && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1)
  if (stem.endsWith('ing') && stem.length > 5) stem = undouble(stem.slice(0, -3))
  else if (stem.endsWith('ed') && stem.length > 4) stem = undouble(stem.slice(0, -2))
  if (stem.endsWith('e') && stem.length > 4) stem = stem.slice(0, -1)
  return stem
}

// "stopped" → "stopp" → "stop"; but "spell", "pass", "buzz" keep their double letter.
function undouble(stem: string): string {
  return /([b-df-hj-kmnp-rt-z])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem)
    ? stem.slice(0, -1)
    : stem
}

// Sentence particles: a bigram that contains one ("货吗", "的话") is not a word.
const particles = /[的了吗呢吧啊呀嘛么]/

/**
 * Splits text into the terms the full-text index and queries use (same function for both):
 * NFKC and lower case; Chinese and Japanese as character bigrams of each run plus the
 * segmenter's words that are not two characters long (those are bigrams already); other
 * scripts as words, stemmed lightly; stop words out.
 * @example tokenize('退货政策 Refunds') // ['退货', '货政', '政策', 'refund', ...]
 */
export function tokenize(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase()
  const terms: string[] = []
  for (const [run] of normalized.matchAll(cjkRun)) {
    for (let i = 0; i + 1 < run.length; i++) {
      const bigram = run.slice(i, i + 2)
      if (!chineseStopWords.has(bigram) && !particles.test(bigram)) terms.push(bigram)
    }
  }
  // Segmented before lower-casing, so that an acronym such as "US" or "IT" is not taken for
  // the stop word it spells in lower case.
  for (const { segment, isWordLike } of wordSegmenter.segment(text.normalize('NFKC'))) {
    if (!isWordLike) continue
    if (cjkCharacter.test(segment)) {
      addCjkWord(segment.toLowerCase(), terms)
      continue
    }
    for (const [part] of segment.matchAll(wordPart)) {
      const lower = part.toLowerCase()
      if (!englishStopWords.has(lower) || isAcronym(part)) terms.push(stemLite(lower))
    }
  }
  return terms
}

function isAcronym(word: string): boolean {
  return word.length >= 2 && /^\p{Lu}+$/u.test(word)
}

function addCjkWord(word: string, terms: string[]): void {
  for (const [run] of word.matchAll(cjkRun)) {
    if (run.length !== 2 && !chineseStopWords.has(run)) terms.push(run)
  }
  // Letters and digits inside a CJK segment ("iphone15", "7天") count as words of their own.
  for (const [part] of word.replace(cjkRun, ' ').matchAll(wordPart)) {
    if (!englishStopWords.has(part)) terms.push(stemLite(part))
  }
}
