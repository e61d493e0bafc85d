import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createWordNetExpander, sharedWordNet, tokenize } from '../runtime/knowledge/index.ts'
import { defaultExpansion, type ExpansionOptions } from '../runtime/knowledge/query-expansion.ts'
import { gramProfile, profileCosine } from '../runtime/knowledge/title-similarity.ts'
import { rankMetrics } from './eval-faq-metrics.ts'

// Ranking variants tried on top of the shipped BM25 (Lucene IDF, k1 1.2, b 0.75, question ×3 +
// answer ×1, same tokenizer), in memory, on both public sets so that a change helping only one
// language shows: covidfaq (English FAQ: query → question + answer) and smp2019 (Chinese: each
// test sentence retrieves training sentences; a hit when one has the query's label).
// Run: npx tsx bench/eval-faq-variants.ts [name prefix]

const dataDir = join(import.meta.dirname, '..', '..', 'shared', 'data')
const k1 = 1.2
const b = 0.75

interface Doc {
  id: string
  /** Terms per field, in order. */
  fields: string[][]
  /** The first field's text (the FAQ question), for the title-similarity variant. */
  title: string
}

interface Index {
  docs: Doc[]
  df: Map<string, number>
  meanLength: number[]
}

function buildIndex(docs: Doc[], fieldCount: number): Index {
  const df = new Map<string, number>()
  for (const doc of docs)
    for (const term of new Set(doc.fields.flat())) df.set(term, (df.get(term) ?? 0) + 1)
  const meanLength = Array.from(
    { length: fieldCount },
    (_, f) => docs.reduce((sum, d) => sum + (d.fields[f]?.length ?? 0), 0) / docs.length,
  )
  return { docs, df, meanLength }
}

function idf(index: Index, term: string): number {
  const n = index.df.get(term) ?? 0
  return Math.log(1 + (index.docs.length - n + 0.5) / (n + 0.5))
}

/** BM25 summed over fields with weights; query terms may carry weights (expansion). */
function bm25(index: Index, doc: Doc, query: Map<string, number>, weights: number[]): number {
  let score = 0
  weights.forEach((weight, f) => {
    if (weight === 0) return
    const field = doc.fields[f] ?? []
    const norm = 1 - b + (b * field.length) / Math.max(1, index.meanLength[f] ?? 1)
    const counts = new Map<string, number>()
    for (const term of field) if (query.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1)
    for (const [term, tf] of counts) {
      score +=
        (query.get(term) ?? 0) * weight * idf(index, term) * ((tf * (k1 + 1)) / (tf + k1 * norm))
    }
  })
  return score
}

/** Pairs of query terms adjacent in the query that are adjacent in a field too. */
function proximity(index: Index, doc: Doc, terms: string[], weights: number[]): number {
  const pairs = new Set<string>()
  for (let i = 0; i + 1 < terms.length; i++) pairs.add(`${terms[i]} ${terms[i + 1]}`)
  let score = 0
  weights.forEach((weight, f) => {
    const field = doc.fields[f] ?? []
    const seen = new Set<string>()
    for (let i = 0; i + 1 < field.length; i++) {
      const pair = `${field[i]} ${field[i + 1]}`
      if (pairs.has(pair) && !seen.has(pair)) {
        seen.add(pair)
        score += weight * Math.min(idf(index, field[i] ?? ''), idf(index, field[i + 1] ?? ''))
      }
    }
  })
  return score
}

type Ranker = (index: Index, terms: string[], text: string) => string[]

const fieldWeights = [3, 1]

function ranked(index: Index, score: (doc: Doc) => number): { id: string; score: number }[] {
  return index.docs
    .map((doc) => ({ id: doc.id, score: score(doc) }))
    .filter((hit) => hit.score > 0)
    .sort((a, c) => c.score - a.score)
}

function weightsFor(index: Index): number[] {
  return fieldWeights.slice(0, index.meanLength.length)
}

const baseline: Ranker = (index, terms) => {
  const query = new Map(terms.map((t) => [t, 1]))
  return ranked(index, (doc) => bm25(index, doc, query, weightsFor(index))).map((h) => h.id)
}

function withProximity(factor: number): Ranker {
  return (index, terms) => {
    const query = new Map(terms.map((t) => [t, 1]))
    const weights = weightsFor(index)
    return ranked(
      index,
      (doc) =>
        bm25(index, doc, query, weights) +
        factor * (bm25(index, doc, query, weights) > 0 ? proximity(index, doc, terms, weights) : 0),
    ).map((h) => h.id)
  }
}

/** RM3-style: terms of the top `docs` hits, weighted by their share there × IDF, added. */
function withFeedback(docs: number, expansion: number, weight: number): Ranker {
  return (index, terms) => {
    const query = new Map(terms.map((t) => [t, 1]))
    const weights = weightsFor(index)
    const first = ranked(index, (doc) => bm25(index, doc, query, weights)).slice(0, docs)
    const byId = new Map(index.docs.map((doc) => [doc.id, doc]))
    const mass = new Map<string, number>()
    const total = first.reduce((sum, hit) => sum + hit.score, 0) || 1
    for (const hit of first) {
      const fields = byId.get(hit.id)?.fields ?? []
      const all = fields.flat()
      for (const term of new Set(all)) {
        if (query.has(term)) continue
        const share = all.filter((t) => t === term).length / all.length
        mass.set(term, (mass.get(term) ?? 0) + (hit.score / total) * share * idf(index, term))
      }
    }
    const top = [...mass.entries()].sort((a, c) => c[1] - a[1]).slice(0, expansion)
    const max = top[0]?.[1] ?? 1
    const expanded = new Map(query)
    for (const [term, value] of top) expanded.set(term, (weight * value) / max)
    return ranked(index, (doc) => bm25(index, doc, expanded, weights)).map((h) => h.id)
  }
}

/** Question field and answer field ranked apart, fused by reciprocal rank (k = 60). */
function fieldFusion(answerShare: number): Ranker {
  return (index, terms, text) => {
    const query = new Map(terms.map((t) => [t, 1]))
    if (index.meanLength.length < 2) return baseline(index, terms, text)
    const fused = new Map<string, number>()
    const lists = [
      { weights: [1, 0], share: 1 },
      { weights: [0, 1], share: answerShare },
    ]
    for (const { weights, share } of lists) {
      ranked(index, (doc) => bm25(index, doc, query, weights)).forEach((hit, rank) => {
        fused.set(hit.id, (fused.get(hit.id) ?? 0) + share / (60 + rank + 1))
      })
    }
    return [...fused.entries()].sort((a, c) => c[1] - a[1]).map(([id]) => id)
  }
}

/**
 * Shipped since the quality round: BM25, then the 30 best get the character n-gram cosine of
 * query and title added, in units of the best BM25 (runtime/knowledge/knowledge-service.ts).
 */
function withTitleSimilarity(weight: number, expansion?: ExpansionOptions): Ranker {
  const expand = expansion ? createWordNetExpander(sharedWordNet, expansion) : undefined
  return (index, terms, text) => {
    const query = new Map(terms.map((t) => [t, 1]))
    for (const [term, termWeight] of expand?.(text, new Set(terms)) ?? [])
      query.set(term, termWeight)
    const hits = ranked(index, (doc) => bm25(index, doc, query, weightsFor(index)))
    const best = hits[0]?.score ?? 0
    const queryProfile = gramProfile(text)
    const byId = new Map(index.docs.map((doc) => [doc.id, doc]))
    return hits
      .map((hit, rank) => {
        const title = byId.get(hit.id)?.title ?? ''
        const bonus =
          rank < 30 ? best * weight * profileCosine(queryProfile, gramProfile(title)) : 0
        return { id: hit.id, score: hit.score + bonus }
      })
      .sort((a, c) => c.score - a.score)
      .map((h) => h.id)
  }
}

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

const covidIndex = buildIndex(
  lines('covidfaq/kb.jsonl').map((line) => ({
    id: String(line.id),
    fields: [tokenize(String(line.question)), tokenize(String(line.answer))],
    title: String(line.question),
  })),
  2,
)
const covidQueries = lines('covidfaq/queries.jsonl').map((q) => ({
  text: String(q.text),
  terms: tokenize(String(q.text)),
  answerIds: (q.answerIds as string[]) ?? [],
}))
const train = lines('smp2019/train.jsonl')
const smpIndex = buildIndex(
  train.map((line, i) => ({
    id: String(i),
    fields: [tokenize(String(line.text))],
    title: String(line.text),
  })),
  1,
)
const smpQueries = lines('smp2019/test.jsonl').map((q) => ({
  text: String(q.text),
  terms: tokenize(String(q.text)),
  label: String(q.label),
}))

const variants: Record<string, Ranker> = {
  baseline,
  'proximity ×0.5': withProximity(0.5),
  'proximity ×1': withProximity(1),
  'feedback 3 docs, 10 terms, 0.3': withFeedback(3, 10, 0.3),
  'feedback 5 docs, 10 terms, 0.2': withFeedback(5, 10, 0.2),
  'feedback 3 docs, 5 terms, 0.1': withFeedback(3, 5, 0.1),
  'fields fused by RRF (answer 1)': fieldFusion(1),
  'fields fused by RRF (answer 0.5)': fieldFusion(0.5),
  'title n-gram similarity ×1': withTitleSimilarity(1),
  'title n-gram similarity ×0.5': withTitleSimilarity(0.5),
  // Query expansion from WordNet (English), on top of the title similarity ×1.
  'wordnet: synonyms + derived, 2 senses, 0.3 (shipped)': withTitleSimilarity(1, defaultExpansion),
  'wordnet: synonyms only, 2 senses, 0.3': withTitleSimilarity(1, {
    ...defaultExpansion,
    derivedForms: false,
  }),
  'wordnet: synonyms only, 1 sense, 0.3': withTitleSimilarity(1, {
    ...defaultExpansion,
    derivedForms: false,
    senses: 1,
  }),
  'wordnet: synonyms only, every sense, 0.3': withTitleSimilarity(1, {
    ...defaultExpansion,
    derivedForms: false,
    senses: 1000,
  }),
  'wordnet: synonyms + derived, 2 senses, 0.5': withTitleSimilarity(1, {
    ...defaultExpansion,
    weight: 0.5,
  }),
  'wordnet: derived forms only, every sense, 0.5': withTitleSimilarity(1, {
    weight: 0.5,
    senses: 1000,
    derivedForms: true,
  }),
}

const only = process.argv[2]
for (const [name, rank] of Object.entries(variants)) {
  if (only && !name.startsWith(only)) continue
  const covid = rankMetrics(
    covidQueries.map((q) => ({
      retrievedIds: rank(covidIndex, q.terms, q.text).slice(0, 10),
      answerIds: q.answerIds,
    })),
  )
  const smp = rankMetrics(
    smpQueries.map((q) => ({
      retrievedIds: rank(smpIndex, q.terms, q.text)
        .slice(0, 10)
        .map((id) => String(train[Number(id)]?.label)),
      answerIds: [q.label],
    })),
  )
  const f = (m: { hit1: number; hit5: number; mrr: number }) => `${m.hit1} / ${m.hit5} / ${m.mrr}`
  process.stdout.write(`${name.padEnd(52)} covidfaq ${f(covid)}   smp2019 ${f(smp)}\n`)
}
