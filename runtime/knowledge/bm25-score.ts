import type { CorpusStats } from './chunk-search-store.ts'

export interface Bm25Options {
  titleWeight: number
  bodyWeight: number
  /** Term-frequency saturation. */
  k1: number
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number
}

export const defaultBm25: Bm25Options = { titleWeight: 3, bodyWeight: 1, k1: 1.2, b: 0.75 }

/**
 * BM25 of one chunk for a query, summed over the title and body fields with their weights.
 * IDF is Lucene's log(1 + (N − n + 0.5) / (n + 0.5)), which stays positive: FTS5's own bm25()
 * uses log((N − n + 0.5) / (n + 0.5)), which is zero or less for a term in half the chunks, so
 * in a small knowledge base (an FAQ of two entries) every match scored 0.000001.
 */
export function scoreBm25(options: {
  queryTerms: ReadonlySet<string>
  /** Weight of a query term (default 1): expansion terms count less than the query's own. */
  termWeights?: ReadonlyMap<string, number>
  titleTerms: string
  bodyTerms: string
  documentFrequencies: ReadonlyMap<string, number>
  corpus: CorpusStats
  weights?: Bm25Options
}): number {
  const { queryTerms, corpus } = options
  const weights = options.weights ?? defaultBm25
  const titleCounts = countTerms(options.titleTerms, queryTerms)
  const bodyCounts = countTerms(options.bodyTerms, queryTerms)
  const titleNorm = lengthNorm(byteLength(options.titleTerms), corpus.meanTitleBytes, weights)
  const bodyNorm = lengthNorm(byteLength(options.bodyTerms), corpus.meanBodyBytes, weights)
  let score = 0
  for (const term of queryTerms) {
    const titleTf = titleCounts.get(term) ?? 0
    const bodyTf = bodyCounts.get(term) ?? 0
    if (titleTf === 0 && bodyTf === 0) continue
    const n = options.documentFrequencies.get(term) ?? 0
    const idf = Math.log(1 + (corpus.chunkCount - n + 0.5) / (n + 0.5))
    const saturate = (tf: number, norm: number) =>
      (tf * (weights.k1 + 1)) / (tf + weights.k1 * norm)
    score +=
      (options.termWeights?.get(term) ?? 1) *
      idf *
      (weights.titleWeight * saturate(titleTf, titleNorm) +
        weights.bodyWeight * saturate(bodyTf, bodyNorm))
  }
  return score
}

function lengthNorm(length: number, mean: number, weights: Bm25Options): number {
  return 1 - weights.b + (weights.b * length) / Math.max(1, mean)
}

// The same measure as SQLite's octet_length(), which gives the corpus means.
function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function countTerms(terms: string, wanted: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>()
  if (terms === '') return counts
  for (const term of terms.split(' ')) {
    if (wanted.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1)
  }
  return counts
}
