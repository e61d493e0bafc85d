/**
 * A second, spelling-level signal for ranking: how alike the query and a chunk's title (the FAQ
 * question, or the heading path of a document) are, as the cosine of their character n-gram
 * counts. BM25 sees whole terms only; n-grams also match what the tokenizer keeps apart
 * ("reinfections" / "reinfected", "COVID-19" / "covid", 新冠 / 新冠病毒) and reward a question
 * phrased like the query. Measured on English and Chinese in docs/quality.md.
 */

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu
const notWordCharacters = /[^\p{L}\p{N}]+/gu

/** Titles past this length are cut: headings are short, and the cost must stay bounded. */
const MAX_TITLE_CHARS = 300

/** A text's n-grams as sorted 32-bit hashes with their sublinear weights and the norm. */
export interface GramProfile {
  hashes: Uint32Array
  weights: Float64Array
  norm: number
}

/**
 * The n-gram profile of a text. Chinese and Japanese characters carry about a word each, so
 * their runs give 1–3-grams; other scripts give 3–5-grams over the words joined by single
 * spaces (so word edges and adjacent word pairs count too). NFKC and lower case first.
 * n-grams are hashed (FNV-1a over UTF-16 code units): it runs per candidate and per query, and
 * numbers sort and compare far faster than strings; a collision among a title's few hundred
 * n-grams is vanishingly rare and would only nudge a score.
 */
export function gramProfile(text: string): GramProfile {
  const normalized = text.slice(0, MAX_TITLE_CHARS).normalize('NFKC').toLowerCase()
  const hashes: number[] = []
  for (const [run] of normalized.matchAll(cjkRun)) addGramHashes(run, 1, 3, hashes)
  const words = normalized.replace(cjkRun, ' ').replace(notWordCharacters, ' ').trim()
  if (words !== '') addGramHashes(` ${words} `, 3, 5, hashes)
  return profileOf(Uint32Array.from(hashes).sort())
}

function addGramHashes(run: string, shortest: number, longest: number, into: number[]) {
  for (let start = 0; start + shortest <= run.length; start++) {
    let hash = 0x811c9dc5
    for (let n = 1; n <= longest && start + n <= run.length; n++) {
      hash = Math.imul(hash ^ run.charCodeAt(start + n - 1), 0x01000193) >>> 0
      // Mixing in the length keeps "ab" and the 2-gram prefix of "abc" apart from 1-grams.
      if (n >= shortest) into.push(Math.imul(hash ^ n, 0x01000193) >>> 0)
    }
  }
}

function profileOf(sorted: Uint32Array): GramProfile {
  const hashes: number[] = []
  const weights: number[] = []
  let norm = 0
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1
    while (j < sorted.length && sorted[j] === sorted[i]) j++
    const weight = 1 + Math.log(j - i)
    hashes.push(sorted[i] as number)
    weights.push(weight)
    norm += weight * weight
    i = j
  }
  return {
    hashes: Uint32Array.from(hashes),
    weights: Float64Array.from(weights),
    norm: Math.sqrt(norm),
  }
}

/**
 * Cosine (0–1) of two profiles. No IDF: it would need n-gram document frequencies in the index,
 * and measured no better than plain counts once BM25 has chosen the candidates (quality.md).
 */
export function profileCosine(a: GramProfile, b: GramProfile): number {
  if (a.norm === 0 || b.norm === 0) return 0
  let dot = 0
  let i = 0
  let j = 0
  while (i < a.hashes.length && j < b.hashes.length) {
    const x = a.hashes[i] as number
    const y = b.hashes[j] as number
    if (x === y) dot += (a.weights[i++] as number) * (b.weights[j++] as number)
    else if (x < y) i++
    else j++
  }
  return dot / (a.norm * b.norm)
}
