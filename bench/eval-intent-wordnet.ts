import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildVocabulary, weighTerms } from '../nodes/intent/sparse-vector.ts'
import { termCounts } from '../nodes/intent/text-features.ts'
import { scoresOf, trainSoftmax } from '../nodes/intent/train-softmax.ts'
import { englishStopWords } from '../runtime/knowledge/stop-words.ts'
import { WordNet } from '../runtime/knowledge/wordnet.ts'

// Does WordNet help the local intent classifier? Each message gets one extra feature per
// WordNet sense of its English words (`y:<synset>`), so "wake" and "awaken" share a feature;
// optionally the senses' hypernyms or derivationally related senses too. Trained like the node
// (same features, vocabulary rule and SGD; no calibration), accuracy at threshold 0 (argmax).
// Run: npx tsx bench/eval-intent-wordnet.ts   (hwu64 full and 10-shot; about a minute)

const dataDir = join(import.meta.dirname, '..', '..', 'shared', 'data', 'hwu64')
const wordNet = WordNet.open()

interface Variant {
  senses: number
  links?: '@' | '+'
  /** Count given to each sense feature (the term counts of words are 1, 2, …). */
  count: number
}

function senseFeatures(text: string, variant: Variant): string[] {
  const features = new Set<string>()
  for (const word of text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []) {
    if (englishStopWords.has(word)) continue
    for (const { partOfSpeech, senses } of wordNet.lemmas(word)) {
      for (const offset of senses.slice(0, variant.senses)) {
        features.add(`y:${partOfSpeech}${offset}`)
        if (!variant.links) continue
        for (const pointer of wordNet.synset(partOfSpeech, offset).pointers) {
          if (pointer.symbol === variant.links)
            features.add(`y:${pointer.partOfSpeech}${pointer.offset}`)
        }
      }
    }
  }
  return [...features]
}

function countsOf(text: string, variant?: Variant): Map<string, number> {
  const counts = termCounts(text)
  if (variant)
    for (const feature of senseFeatures(text, variant)) counts.set(feature, variant.count)
  return counts
}

function lines(file: string): { text: string; label: string }[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text: string; label: string })
}

function accuracy(trainFile: string, variant?: Variant): number {
  const train = lines(trainFile)
  const test = lines('test.jsonl')
  const labels = [...new Set(train.map((line) => line.label))]
  const counts = train.map((line) => countsOf(line.text, variant))
  const vocabulary = buildVocabulary(counts, counts.length > 2_000 ? 2 : 1)
  const model = trainSoftmax(
    counts.map((c) => weighTerms(c, vocabulary)),
    train.map((line) => labels.indexOf(line.label)),
    { classes: labels.length, features: vocabulary.idf.length },
    { epochs: 10, l2: 1e-6, learningRate: 1, seed: 20_240_601 },
  )
  let right = 0
  for (const line of test) {
    const scores = scoresOf(model, weighTerms(countsOf(line.text, variant), vocabulary))
    let best = 0
    for (let c = 1; c < scores.length; c++) if ((scores[c] ?? 0) > (scores[best] ?? 0)) best = c
    if (labels[best] === line.label) right++
  }
  return Math.round((right / test.length) * 1000) / 1000
}

const variants: Record<string, Variant | undefined> = {
  'no WordNet (as shipped)': undefined,
  'senses, first 1': { senses: 1, count: 1 },
  'senses, first 2': { senses: 2, count: 1 },
  'senses, all': { senses: 1000, count: 1 },
  'senses, first 2, count 2': { senses: 2, count: 2 },
  'senses, first 1 + hypernyms': { senses: 1, links: '@', count: 1 },
  'senses, first 2 + hypernyms, count 0.5': { senses: 2, links: '@', count: 0.5 },
  'senses, first 2 + derived': { senses: 2, links: '+', count: 1 },
}
for (const [name, variant] of Object.entries(variants)) {
  const few = accuracy('fewshot10-train.jsonl', variant)
  const full = process.argv.includes('--full') ? accuracy('train.jsonl', variant) : undefined
  process.stdout.write(`${name.padEnd(40)} hwu64 10-shot ${few}${full ? `   full ${full}` : ''}\n`)
}
