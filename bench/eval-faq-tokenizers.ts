import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tokenize } from '../runtime/knowledge/index.ts'
import { rankMetrics } from './eval-faq-metrics.ts'

// Compares tokenizers for BM25 retrieval on the public sets in ../shared/data, in memory:
// covidfaq (English FAQ: query → question + answer) and smp2019 (Chinese: each test sentence
// retrieves its nearest training sentence; a hit when that sentence has the same label).
// Run: npx tsx bench/eval-faq-tokenizers.ts

const dataDir = join(import.meta.dirname, '..', '..', 'shared', 'data')
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const cjkRun = /[\p{Script=Han}]+/gu

const tokenizers: Record<string, (text: string) => string[]> = {
  /** What unicode61 would index for Latin text; Chinese as segmenter words. */
  segmenterWords: (text) =>
    [...segmenter.segment(text.normalize('NFKC').toLowerCase())]
      .filter((s) => s.isWordLike)
      .map((s) => s.segment),
  /** The data README's baseline: lower-cased words, Chinese character bigrams. */
  bigramsOnly: (text) => {
    const lower = text.normalize('NFKC').toLowerCase()
    const terms: string[] = []
    for (const [run] of lower.matchAll(cjkRun)) {
      if (run.length === 1) terms.push(run)
      for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2))
    }
    for (const [word] of lower.replace(cjkRun, ' ').matchAll(/[\p{L}\p{N}]+/gu)) terms.push(word)
    return terms
  },
  switchboard: tokenize,
}

interface Doc {
  id: string
  fields: string[][]
}

function bm25Rank(docs: Doc[], query: string[], weights: number[]): string[] {
  const n = docs.length
  const df = new Map<string, number>()
  for (const doc of docs)
    for (const term of new Set(doc.fields.flat())) df.set(term, (df.get(term) ?? 0) + 1)
  const mean = weights.map(
    (_, f) => docs.reduce((sum, d) => sum + (d.fields[f]?.length ?? 0), 0) / n,
  )
  const unique = new Set(query)
  return docs
    .map((doc) => {
      let score = 0
      for (const term of unique) {
        const idf = Math.log(1 + (n - (df.get(term) ?? 0) + 0.5) / ((df.get(term) ?? 0) + 0.5))
        weights.forEach((weight, f) => {
          const field = doc.fields[f] ?? []
          const tf = field.filter((t) => t === term).length
          if (tf > 0)
            score +=
              weight *
              idf *
              ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * field.length) / Math.max(1, mean[f] ?? 1))))
        })
      }
      return { id: doc.id, score }
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map((hit) => hit.id)
}

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

for (const [name, tokenizer] of Object.entries(tokenizers)) {
  const kb = lines('covidfaq/kb.jsonl')
  const docs = kb.map((line) => ({
    id: String(line.id),
    fields: [tokenizer(String(line.question)), tokenizer(String(line.answer))],
  }))
  const covid = rankMetrics(
    lines('covidfaq/queries.jsonl').map((q) => ({
      retrievedIds: bm25Rank(docs, tokenizer(String(q.text)), [3, 1]),
      answerIds: (q.answerIds as string[]) ?? [],
    })),
  )
  const train = lines('smp2019/train.jsonl')
  const smpDocs = train.map((line, index) => ({
    id: String(index),
    fields: [tokenizer(String(line.text))],
  }))
  const smp = rankMetrics(
    lines('smp2019/test.jsonl').map((q) => {
      const ids = bm25Rank(smpDocs, tokenizer(String(q.text)), [1])
      const label = String(q.label)
      // A retrieved sentence counts when it has the query's label.
      return {
        retrievedIds: ids.map((id) => String(train[Number(id)]?.label)),
        answerIds: [label],
      }
    }),
  )
  process.stdout.write(
    `${JSON.stringify({ tokenizer: name, covidfaq: covid, smp2019NearestNeighbour: smp })}\n`,
  )
}
