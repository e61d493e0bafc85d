import {
  type KnowledgeHit,
  type KnowledgeSearchMode,
  type KnowledgeSearchRequest,
  type KnowledgeService,
  SearchModeUnavailableError,
} from '../../shared/index.ts'
import { type Bm25Options, defaultBm25, scoreBm25 } from './bm25-score.ts'
import type { StoredChunk } from './chunk-search-store.ts'
import { cosine, type Embedder, vectorOf } from './embedder.ts'
import type { KnowledgeStore } from './knowledge-store.ts'
import type { QueryExpander } from './query-expansion.ts'
import { candidateTerms, matchExpression, normalizeTag } from './scope-terms.ts'
import { gramProfile, profileCosine } from './title-similarity.ts'
import { tokenize } from './tokenize.ts'

export interface KnowledgeServiceOptions {
  store: KnowledgeStore
  /** Without one, only bm25 search is available. */
  embedder?: Embedder
  /** BM25 field weights and parameters; the title is the FAQ question or heading path. */
  bm25?: Partial<Bm25Options>
  /** Related terms added to a query at a lower weight (English synonyms from WordNet). */
  expandQuery?: QueryExpander
}

// FTS5 candidates re-scored per query: enough that the re-scoring rarely misses what FTS5's
// own ranking put just below the cut.
const candidateDepth = 100

// A query made only of common terms (no term in at most 1 % of the chunks) matches most of a
// large knowledge base, and FTS5's bm25() costs about 8 µs per match: only this many matches
// (the newest chunks) are ranked. Below it the result is exact; above it, terms in that many
// chunks have an IDF near 0, so the ranking was close to arbitrary anyway.
const commonQueryScanLimit = 2000

// Reciprocal rank fusion: score = Σ 1 / (k + rank). k = 60 is the constant of the original
// paper (Cormack et al., 2009); it keeps one list's top rank from dominating the other list.
const rrfK = 60
const fusionDepth = 50

// The title-similarity cosine (0–1) is added in units of the best candidate's BM25: equal
// weight to the two signals once both are on a 0–1 scale, so the score stays on BM25's scale.
const titleSimilarityWeight = 1
// Only the best candidates by BM25 get it: measured the same ranking as all 100 on both public
// sets, for a third of the cost (every title is cut into n-grams per query).
const titleSimilarityDepth = 30

/**
 * Search over knowledge bases: BM25 through the FTS5 index, dense by cosine over stored
 * embeddings, or both fused by reciprocal rank (hybrid). This is `ctx.kb` for nodes and what
 * the search API calls.
 */
export function createKnowledgeService(options: KnowledgeServiceOptions): KnowledgeService {
  const { store, embedder } = options
  const weights: Bm25Options = { ...defaultBm25, ...options.bm25 }

  async function bm25(request: KnowledgeSearchRequest, limit: number): Promise<StoredChunk[]> {
    const terms = tokenize(request.query)
    if (terms.length === 0) return []
    const queryTerms = new Set(terms)
    const termWeights = options.expandQuery?.(request.query, queryTerms) ?? new Map()
    const scoredTerms = new Set([...queryTerms, ...termWeights.keys()])
    const [documentFrequencies, corpus] = await Promise.all([
      store.search.documentFrequencies([...scoredTerms]),
      store.search.corpusStats(),
    ])
    const selected = withExpansion(
      candidateTerms(queryTerms, documentFrequencies, corpus.chunkCount),
      candidateTerms(new Set(termWeights.keys()), documentFrequencies, corpus.chunkCount),
    )
    if (selected.terms.length === 0) return []
    const match = matchExpression({
      ...selected,
      knowledgeBaseIds: request.knowledgeBaseIds,
      tags: (request.tags ?? []).map(normalizeTag).filter((tag) => tag !== ''),
    })
    // FTS5 finds and pre-ranks candidates inside the index; BM25 with a positive IDF, over
    // every query term, then orders them (see bm25-score.ts).
    const candidates = await store.search.searchFullText({
      match,
      limit: Math.max(candidateDepth, limit * 4),
      titleWeight: weights.titleWeight,
      bodyWeight: weights.bodyWeight,
      scanLimit: selected.isConjunctive ? commonQueryScanLimit : undefined,
    })
    const scored = candidates.map((chunk) => ({
      ...chunk,
      score: scoreBm25({
        queryTerms: scoredTerms,
        termWeights,
        titleTerms: chunk.titleTerms ?? '',
        bodyTerms: chunk.bodyTerms ?? '',
        documentFrequencies,
        corpus,
        weights,
      }),
    }))
    scored.sort((a, b) => b.score - a.score)
    const depth = Math.max(titleSimilarityDepth, limit)
    return [...withTitleSimilarity(request.query, scored.slice(0, depth)), ...scored.slice(depth)]
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
  }

  async function dense(
    request: KnowledgeSearchRequest,
    activeEmbedder: Embedder,
    limit: number,
  ): Promise<StoredChunk[]> {
    const [queryVector] = await activeEmbedder.embed([request.query])
    if (!queryVector) return []
    const tags = new Set((request.tags ?? []).map(normalizeTag).filter((tag) => tag !== ''))
    const tagsByDocument =
      tags.size > 0 ? await store.search.documentTags(request.knowledgeBaseIds) : null
    const scored = (await store.search.embeddedChunks(request.knowledgeBaseIds))
      .filter(
        (chunk) =>
          tagsByDocument === null ||
          (tagsByDocument.get(chunk.documentId) ?? []).some((tag) => tags.has(tag)),
      )
      .map((chunk) => ({
        chunkId: chunk.chunkId,
        score: cosine(queryVector, vectorOf(chunk.embedding)),
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
    const rows = new Map(
      (await store.search.chunksById(scored.map((s) => s.chunkId))).map((r) => [r.chunkId, r]),
    )
    return scored.flatMap((s) => {
      const row = rows.get(s.chunkId)
      return row ? [{ ...row, score: s.score }] : []
    })
  }

  function fuse(lists: StoredChunk[][]): StoredChunk[] {
    const fused = new Map<number, StoredChunk>()
    for (const list of lists) {
      list.forEach((chunk, rank) => {
        const previous = fused.get(chunk.chunkId)
        const score = (previous?.score ?? 0) + 1 / (rrfK + rank + 1)
        fused.set(chunk.chunkId, { ...chunk, score })
      })
    }
    return [...fused.values()].sort((a, b) => b.score - a.score)
  }

  function modeOf(request: KnowledgeSearchRequest): KnowledgeSearchMode {
    const mode = request.mode ?? (embedder ? 'hybrid' : 'bm25')
    if (mode !== 'bm25' && !embedder) {
      throw new SearchModeUnavailableError(
        mode,
        'no embedding model is configured (set LLM_EMBEDDING_MODEL); use "bm25"',
      )
    }
    return mode
  }

  return {
    async search(request) {
      const mode = modeOf(request)
      if (request.knowledgeBaseIds.length === 0 || request.query.trim() === '') return []
      const topK = Math.max(1, Math.floor(request.topK))
      let chunks: StoredChunk[]
      if (mode === 'bm25' || !embedder) {
        chunks = await bm25(request, topK)
      } else if (mode === 'dense') {
        chunks = await dense(request, embedder, topK)
      } else {
        const depth = Math.max(topK, fusionDepth)
        const [lexical, semantic] = await Promise.all([
          bm25(request, depth),
          dense(request, embedder, depth),
        ])
        chunks = fuse([lexical, semantic]).slice(0, topK)
      }
      const minScore = request.minScore ?? Number.NEGATIVE_INFINITY
      return chunks.filter((chunk) => chunk.score >= minScore).map(toHit)
    },
  }
}

/**
 * Adds the query's character n-gram similarity to each chunk's title (title-similarity.ts),
 * scaled by the best BM25 among the candidates: BM25 decides which chunks are candidates, the
 * two together how they rank. A bonus is never negative, so chunks left without one (below
 * the depth) cannot overtake those that got one.
 */
/**
 * Candidates are looked for by the query's own terms and by its rare expansion terms (a chunk
 * that has only a synonym must still be found). A query of common terms only, looked for by
 * AND, gets no expansion candidates: an OR with them would visit much of the index again.
 */
function withExpansion(
  own: { terms: string[]; isConjunctive: boolean },
  expansion: { terms: string[]; isConjunctive: boolean },
): { terms: string[]; isConjunctive: boolean } {
  if (expansion.isConjunctive || expansion.terms.length === 0) return own
  if (own.terms.length === 0) return expansion
  if (own.isConjunctive) return own
  return { terms: [...own.terms, ...expansion.terms], isConjunctive: false }
}

function withTitleSimilarity(query: string, chunks: StoredChunk[]): StoredChunk[] {
  const best = chunks.reduce((max, chunk) => Math.max(max, chunk.score), 0)
  if (best <= 0) return chunks
  const queryProfile = gramProfile(query)
  const bonus = best * titleSimilarityWeight
  return chunks.map((chunk) =>
    chunk.title === ''
      ? chunk
      : {
          ...chunk,
          score: chunk.score + bonus * profileCosine(queryProfile, gramProfile(chunk.title)),
        },
  )
}

function toHit(chunk: StoredChunk): KnowledgeHit {
  return {
    knowledgeBaseId: chunk.knowledgeBaseId,
    documentId: chunk.documentId,
    chunkId: String(chunk.chunkId),
    text: chunk.text,
    score: chunk.score,
    source: chunk.documentName,
    title: chunk.title,
  }
}
