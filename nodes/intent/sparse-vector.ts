import { termCounts } from './text-features.ts'

/** A TF-IDF vector: sorted feature indices with their weights, unit length. */
export interface SparseVector {
  indices: Int32Array
  values: Float32Array
}

/** Which terms are features, and how much each weighs (inverse document frequency). */
export interface Vocabulary {
  featureOf: ReadonlyMap<string, number>
  idf: Float32Array
}

export const emptyVector: SparseVector = { indices: new Int32Array(0), values: new Float32Array(0) }

/**
 * Sublinear TF-IDF, L2-normalized: a term said twice is not twice the evidence, and long
 * messages do not outweigh short ones. Terms outside the vocabulary are dropped.
 */
export function vectorize(text: string, vocabulary: Vocabulary): SparseVector {
  return weighTerms(termCounts(text), vocabulary)
}

/** `vectorize` for term counts already taken (training counts each example once). */
export function weighTerms(
  counts: ReadonlyMap<string, number>,
  vocabulary: Vocabulary,
): SparseVector {
  const entries: [number, number][] = []
  for (const [term, count] of counts) {
    const feature = vocabulary.featureOf.get(term)
    if (feature === undefined) continue
    entries.push([feature, (1 + Math.log(count)) * (vocabulary.idf[feature] ?? 0)])
  }
  if (entries.length === 0) return emptyVector
  entries.sort((a, b) => a[0] - b[0])
  const norm = Math.sqrt(entries.reduce((sum, [, value]) => sum + value * value, 0))
  return {
    indices: Int32Array.from(entries, ([feature]) => feature),
    values: Float32Array.from(entries, ([, value]) => value / norm),
  }
}

/** Builds the vocabulary from training examples' term counts: terms in at least `minDocuments`. */
export function buildVocabulary(
  documents: readonly ReadonlyMap<string, number>[],
  minDocuments: number,
): Vocabulary {
  const documentCounts = new Map<string, number>()
  for (const counts of documents) {
    for (const term of counts.keys()) {
      documentCounts.set(term, (documentCounts.get(term) ?? 0) + 1)
    }
  }
  const terms = [...documentCounts.entries()]
    .filter(([, count]) => count >= minDocuments)
    .map(([term]) => term)
    .sort()
  const idf = Float32Array.from(terms, (term) =>
    idfOf(documentCounts.get(term) ?? 0, documents.length),
  )
  return { featureOf: new Map(terms.map((term, index) => [term, index])), idf }
}

/** Smoothed IDF as scikit-learn computes it: rare terms weigh more, none weighs zero. */
export function idfOf(documentCount: number, documents: number): number {
  return Math.log((1 + documents) / (1 + documentCount)) + 1
}
