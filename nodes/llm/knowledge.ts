import { z } from 'zod'
import type { JsonValue } from '../../shared/index.ts'
import { splitSentences } from '../../shared/index.ts'

// What a `retrieve` node leaves in `nodes.<id>.hits`. Read loosely: a hit needs only its text,
// so hits from a custom retrieval node work as well.
const hitSchema = z.looseObject({
  text: z.string(),
  score: z.number().optional(),
  source: z.string().optional(),
  title: z.string().optional(),
  documentId: z.string().optional(),
  chunkId: z.string().optional(),
  knowledgeBaseId: z.string().optional(),
})
const hitsOutputSchema = z.looseObject({ hits: z.array(z.unknown()) })

/** One numbered piece of knowledge given to the model; `index` is the `[n]` it cites. */
export interface NumberedHit {
  index: number
  text: string
  /** The document, e.g. its file name. */
  source: string | null
  /** The FAQ question or the heading path of the chunk's section. */
  title: string | null
  documentId: string | null
  chunkId: string | null
  knowledgeBaseId: string | null
  score: number | null
}

/** The retrieve node writes '' for a missing source or title. */
function presentOrNull(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : text.trim()
}

/** The first `limit` hits another node left in `nodes.<nodeId>.hits`, numbered from 1. */
export function readHits(output: JsonValue | undefined, limit: number): NumberedHit[] {
  const parsed = hitsOutputSchema.safeParse(output)
  if (!parsed.success) return []
  const hits: NumberedHit[] = []
  for (const raw of parsed.data.hits) {
    const hit = hitSchema.safeParse(raw)
    if (!hit.success || hit.data.text.trim() === '') continue
    hits.push({
      index: hits.length + 1,
      text: hit.data.text.trim(),
      source: presentOrNull(hit.data.source),
      title: presentOrNull(hit.data.title),
      documentId: hit.data.documentId ?? null,
      chunkId: hit.data.chunkId ?? null,
      knowledgeBaseId: hit.data.knowledgeBaseId ?? null,
      score: hit.data.score ?? null,
    })
    if (hits.length >= limit) break
  }
  return hits
}

const headings = {
  zh: '以下是参考资料，回答时请在用到的句子后用 [编号] 标注出处：',
  en: 'Use the following reference material; after a sentence that uses it, cite it as [n]:',
}

// The offline provider reads a line ending with a colon as a heading only up to 40 characters.
const maxLabelLength = 30

/** The hit's title (its section), else its source, cut to fit a heading line. */
function labelOf(hit: NumberedHit, isEnglish: boolean): string {
  const label = (
    hit.title ??
    hit.source ??
    (isEnglish ? `Source ${hit.index}` : `资料 ${hit.index}`)
  )
    .replace(/\s+/g, ' ')
    .trim()
  const characters = Array.from(label)
  return characters.length <= maxLabelLength
    ? label
    : `…${characters.slice(-maxLabelLength + 1).join('')}`
}

/**
 * The knowledge as the model reads it: a heading line per hit (`[1] 退货运费由谁承担：`), then
 * its text. Each label sits alone on a short line ending with a colon, so the offline provider
 * reads it as a heading (it helps match the question) and never quotes it in an answer.
 */
export function knowledgeBlock(hits: readonly NumberedHit[], locale: string): string {
  if (hits.length === 0) return ''
  const isEnglish = locale.toLowerCase().startsWith('en')
  const lines = [isEnglish ? headings.en : headings.zh]
  for (const hit of hits) {
    lines.push('', `[${hit.index}] ${labelOf(hit, isEnglish)}${isEnglish ? ':' : '：'}`)
    lines.push(hit.text)
  }
  return lines.join('\n')
}

const minimumQuotedLength = 6

/**
 * The hits an answer used: those it cites as `[n]`; when it cites none (the offline provider
 * quotes instead of citing), those it quotes a sentence of.
 */
export function citedHits(answer: string, hits: readonly NumberedHit[]): NumberedHit[] {
  const markers = new Set([...answer.matchAll(/\[(\d{1,3})\]/g)].map((match) => Number(match[1])))
  const marked = hits.filter((hit) => markers.has(hit.index))
  if (marked.length > 0) return marked
  const { sentences, rest } = splitSentences(answer)
  const quoted = [...sentences, rest]
    .map((sentence) => sentence.trim().replace(/[。！？!?.；;]+$/, ''))
    .filter((sentence) => Array.from(sentence).length >= minimumQuotedLength)
  return hits.filter((hit) => quoted.some((sentence) => hit.text.includes(sentence)))
}
