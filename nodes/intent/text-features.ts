/**
 * Turns a message into the sparse terms the intent classifier counts: words (Intl.Segmenter, so
 * Chinese is split into words as well), word bigrams and character n-grams inside each word.
 * Character n-grams carry what segmentation gets wrong (Chinese) and what spelling varies
 * (English plurals, typos); words and bigrams carry meaning that n-grams blur.
 */

/** Longer messages are cut: intent lives in the first sentences, and run time must stay bounded. */
export const MAX_CLASSIFIED_CHARS = 500

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const hanPattern = /\p{Script=Han}/u
// Letters, digits and marks count; punctuation, symbols and emoji only separate words.
const wordCharPattern = /[\p{L}\p{N}\p{M}]/u

/** NFKC (full-width to ASCII), lower case, digit runs as one placeholder, bounded length. */
export function normalizeText(text: string): string {
  return text
    .slice(0, MAX_CLASSIFIED_CHARS * 2)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\d+(?:[.,:]\d+)*/g, '0')
    .slice(0, MAX_CLASSIFIED_CHARS)
}

/** Word-like segments of a normalized text, punctuation and emoji dropped. */
export function wordsOf(normalized: string): string[] {
  const words: string[] = []
  for (const { segment, isWordLike } of segmenter.segment(normalized)) {
    if (isWordLike && wordCharPattern.test(segment)) words.push(stemWord(segment))
  }
  return words
}

/**
 * A light English stemmer (plural and verb endings), so "alarms"/"alarm" and "playing"/"play"
 * share a word term. Chinese and short words are left alone.
 */
export function stemWord(word: string): string {
  if (word.length < 5 || hanPattern.test(word)) return word
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.endsWith('ing')) return word.slice(0, -3)
  if (word.endsWith('ed')) return word.slice(0, -2)
  if (word.endsWith('es') && /(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2)
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

/** Runs of letters or digits: the spans character n-grams are taken from. */
function runsOf(normalized: string): string[] {
  return normalized.split(/[^\p{L}\p{N}\p{M}]+/u).filter((run) => run !== '')
}

/**
 * Term counts of a text. Prefixes keep the kinds apart: `w:` word, `b:` word bigram
 * (with `^`/`$` for the message edges), `c:` character n-gram of 1–4 characters inside a
 * space-padded run (Chinese runs are whole phrases, so their n-grams span word boundaries).
 */
export function termCounts(text: string): Map<string, number> {
  const normalized = normalizeText(text)
  const counts = new Map<string, number>()
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1)
  const words = wordsOf(normalized)
  for (const word of words) add(`w:${word}`)
  const edged = ['^', ...words, '$']
  if (words.length > 0) {
    for (let i = 0; i + 1 < edged.length; i++) add(`b:${edged[i]} ${edged[i + 1]}`)
  }
  for (const run of runsOf(normalized)) addCharacterGrams(` ${run} `, add)
  return counts
}

const surrogatePattern = /[\uD800-\uDFFF]/

function addCharacterGrams(padded: string, add: (term: string) => void): void {
  // Substrings of code units are exact unless the run holds characters beyond the BMP.
  const chars = surrogatePattern.test(padded) ? Array.from(padded) : undefined
  const length = chars?.length ?? padded.length
  for (let n = 1; n <= 4; n++) {
    for (let start = 0; start + n <= length; start++) {
      const gram = chars
        ? chars.slice(start, start + n).join('')
        : padded.substring(start, start + n)
      if (gram !== ' ') add(`c:${gram}`)
    }
  }
}
