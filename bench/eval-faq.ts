import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import {
  createKnowledge,
  createOpenAiEmbedder,
  type Embedder,
  embedderFromProviders,
  type SearchMode,
  searchModes,
  uploadDocument,
} from '../runtime/knowledge/index.ts'
import { loadProvidersFromEnv } from '../runtime/services/llm/index.ts'
import { openDatabase } from '../runtime/storage/index.ts'
import { OpenAiStub } from '../test/stubs/openai-stub.ts'
import {
  type FaqMetrics,
  kbLineSchema,
  parseJsonLines,
  percentile,
  queryLineSchema,
  rankMetrics,
} from './eval-faq-metrics.ts'

const usage = `npm run eval:faq -- --kb KB.jsonl --queries QUERIES.jsonl [options]
  --mode bm25|dense|hybrid  search mode (bm25); dense and hybrid need an embedding model:
                            LLM_BASE_URL, LLM_API_KEY and LLM_EMBEDDING_MODEL, or --stub-embeddings
  --stub-embeddings         embed with the local OpenAI stub (hashing vectors; tests the pipeline,
                            says nothing about a real model's quality)
  --json                    print only the JSON line
KB lines: {"id","question","answer"}; query lines: {"text","answerIds":[...]}.
Prints { hit1, hit5, mrr, p50Ms, p99Ms, indexMs, n }.`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kb: { type: 'string' },
      queries: { type: 'string' },
      mode: { type: 'string', default: 'bm25' },
      json: { type: 'boolean', default: false },
      'stub-embeddings': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  const mode = searchModes.find((m) => m === values.mode)
  if (values.help || !values.kb || !values.queries || !mode) {
    process.stderr.write(`${usage}\n`)
    process.exitCode = values.help ? 0 : 2
    return
  }
  const kb = parseJsonLines(readFileSync(values.kb, 'utf8'), kbLineSchema, values.kb)
  const queries = parseJsonLines(
    readFileSync(values.queries, 'utf8'),
    queryLineSchema,
    values.queries,
  )
  const stub = values['stub-embeddings'] ? await OpenAiStub.start() : undefined
  try {
    const embedder: Embedder | undefined = stub
      ? createOpenAiEmbedder(
          { name: 'stub', baseUrl: stub.baseUrl, apiKey: 'stub', chatModel: 'stub' },
          'text-embedding-3-small',
        )
      : mode === 'bm25'
        ? undefined
        : embedderFromProviders(loadProvidersFromEnv(process.env))
    if (mode !== 'bm25' && embedder === undefined) {
      process.stderr.write(
        `--mode ${mode} needs an embedding model: set LLM_BASE_URL, LLM_API_KEY and LLM_EMBEDDING_MODEL, or pass --stub-embeddings\n`,
      )
      process.exitCode = 2
      return
    }
    const metrics = await evaluate({ kb, queries, mode, embedder })
    if (values.json) {
      process.stdout.write(`${JSON.stringify(metrics)}\n`)
    } else {
      process.stdout.write(`FAQ retrieval (${mode}) on ${values.queries}\n`)
      for (const [key, value] of Object.entries(metrics)) {
        process.stdout.write(`  ${key.padEnd(8)} ${value}\n`)
      }
    }
  } finally {
    await stub?.close()
  }
}

/**
 * Builds a knowledge base in a temporary SQLite file through the real upload, ingestion and
 * search code (each KB line uploaded as a one-row FAQ sheet named after its id), then searches
 * every query.
 */
export async function evaluate(options: {
  kb: { id: string; question: string; answer: string }[]
  queries: { text: string; answerIds: string[] }[]
  mode: SearchMode
  embedder?: Embedder
}): Promise<FaqMetrics> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-eval-faq-'))
  const database = openDatabase(join(dir, 'eval.db'))
  try {
    const knowledge = createKnowledge({ database, embedder: options.embedder })
    const base = await knowledge.store.createBase({
      name: 'eval',
      description: '',
      chunkSize: 500,
      chunkOverlap: 50,
    })
    const indexStart = performance.now()
    for (const line of options.kb) {
      await uploadDocument(knowledge, {
        knowledgeBaseId: base.id,
        fileName: `${line.id}.csv`,
        bytes: new TextEncoder().encode(faqCsv(line.question, line.answer)),
      })
    }
    await knowledge.ingestion.idle()
    const indexMs = Math.round(performance.now() - indexStart)
    const latencies: number[] = []
    const rankings: { retrievedIds: string[]; answerIds: string[] }[] = []
    for (const query of options.queries) {
      const start = performance.now()
      const hits = await knowledge.service.search({
        query: query.text,
        knowledgeBaseIds: [base.id],
        topK: 10,
        mode: options.mode,
      })
      latencies.push(performance.now() - start)
      rankings.push({
        retrievedIds: hits.map((hit) => (hit.source ?? '').replace(/\.csv$/, '')),
        answerIds: query.answerIds,
      })
    }
    const round = (ms: number) => Math.round(ms * 100) / 100
    return {
      ...rankMetrics(rankings),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      indexMs,
    }
  } finally {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function faqCsv(question: string, answer: string): string {
  const cell = (text: string) => `"${text.replaceAll('"', '""')}"`
  return `question,answer\n${cell(question)},${cell(answer)}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
