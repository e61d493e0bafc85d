/** A piece of a document as it is indexed: the heading path (or FAQ question) and the text. */
export interface ChunkDraft {
  title: string
  text: string
}

export interface ChunkOptions {
  /** Largest chunk in characters. */
  chunkSize: number
  /** Characters of a chunk's end repeated at the start of the next one in the same section. */
  chunkOverlap: number
  /** Lines starting with `#` are headings (Markdown, and HTML/DOCX converted to it). */
  isMarkdown: boolean
}

interface Section {
  headings: string[]
  paragraphs: string[]
}

const headingLine = /^(#{1,6})\s+(.+?)\s*#*\s*$/
// A sentence ends after Chinese 。！？；… or after . ! ? ; followed by a space.
const sentenceEnd = /(?<=[。！？；…]+[」』”’）)]*)|(?<=[.!?;]+[”’")]*)(?=\s)/u

/**
 * Splits a document into chunks along its structure: sections under headings, then paragraphs,
 * then sentences (Chinese 。！？； and English . ! ? ;), and only a sentence longer than
 * `chunkSize` is cut mid-way. Neighbouring paragraphs of one section share a chunk while they
 * fit. Each chunk carries its heading path as `title`.
 */
export function chunkText(text: string, options: ChunkOptions): ChunkDraft[] {
  const chunks: ChunkDraft[] = []
  for (const section of splitSections(text, options.isMarkdown)) {
    const title = section.headings.join(' > ')
    const units = section.paragraphs.flatMap((paragraph, index) =>
      splitParagraph(paragraph, options.chunkSize).map((unit, unitIndex) => ({
        text: unit,
        isParagraphStart: unitIndex === 0 && index > 0,
      })),
    )
    for (const body of packUnits(units, options)) chunks.push({ title, text: body })
  }
  return chunks
}

function splitSections(text: string, isMarkdown: boolean): Section[] {
  const sections: Section[] = []
  let current: Section = { headings: [], paragraphs: [] }
  let paragraph: string[] = []
  const flushParagraph = () => {
    const joined = paragraph.join('\n').trim()
    if (joined !== '') current.paragraphs.push(joined)
    paragraph = []
  }
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = isMarkdown ? headingLine.exec(line) : null
    if (heading) {
      flushParagraph()
      if (current.paragraphs.length > 0) sections.push(current)
      const level = heading[1]?.length ?? 1
      const headings = [...current.headings.slice(0, level - 1), heading[2] ?? '']
      current = { headings, paragraphs: [] }
    } else if (line.trim() === '') {
      flushParagraph()
    } else {
      paragraph.push(line.trimEnd())
    }
  }
  flushParagraph()
  if (current.paragraphs.length > 0) sections.push(current)
  return sections
}

/** A paragraph that fits stays whole; else its sentences, and over-long sentences in slices. */
function splitParagraph(paragraph: string, chunkSize: number): string[] {
  if (paragraph.length <= chunkSize) return [paragraph]
  return splitSentences(paragraph).flatMap((sentence) => {
    if (sentence.length <= chunkSize) return [sentence]
    const slices: string[] = []
    for (let i = 0; i < sentence.length; i += chunkSize) {
      slices.push(sentence.slice(i, i + chunkSize))
    }
    return slices
  })
}

export function splitSentences(text: string): string[] {
  return text
    .split(sentenceEnd)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '')
}

function packUnits(
  units: { text: string; isParagraphStart: boolean }[],
  options: ChunkOptions,
): string[] {
  const chunks: string[] = []
  let current = ''
  for (const unit of units) {
    const separator = current === '' ? '' : unit.isParagraphStart ? '\n\n' : joiner(current)
    if (
      current !== '' &&
      current.length + separator.length + unit.text.length > options.chunkSize
    ) {
      chunks.push(current)
      const overlap = overlapOf(current, options.chunkOverlap)
      const next = overlap === '' ? unit.text : `${overlap}${joiner(overlap)}${unit.text}`
      current = next.length <= options.chunkSize ? next : unit.text
      continue
    }
    current = `${current}${separator}${unit.text}`
  }
  if (current !== '') chunks.push(current)
  return chunks
}

// Chinese sentences follow each other without a space; English ones need one.
function joiner(before: string): string {
  return /[\p{Script=Han}。！？；…」』”）]$/u.test(before) ? '' : ' '
}

/** The last whole sentences of `text` that fit in `size` characters, else its last characters. */
function overlapOf(text: string, size: number): string {
  if (size <= 0) return ''
  const sentences = splitSentences(text)
  let tail = ''
  for (let i = sentences.length - 1; i >= 0; i--) {
    const sentence = sentences[i] ?? ''
    const candidate = tail === '' ? sentence : `${sentence}${joiner(sentence)}${tail}`
    if (candidate.length > size) break
    tail = candidate
  }
  // The whole chunk as its own overlap would repeat it entirely: fall back to characters.
  if (tail !== '' && tail.length < text.length) return tail
  return text.slice(-size).trimStart()
}
