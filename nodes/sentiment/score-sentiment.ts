import { angerWords, intensifiers, negators, urgencyWords, valence } from './lexicon.ts'

export type SentimentLabel = 'positive' | 'neutral' | 'negative'

export interface SentimentScore {
  /** -1 (very negative) … 1 (very positive). */
  score: number
  label: SentimentLabel
  isAngry: boolean
  isUrgent: boolean
}

export interface SentimentThresholds {
  /** At or above: positive. */
  positive: number
  /** At or below: negative. */
  negative: number
}

export const defaultThresholds: SentimentThresholds = { positive: 0.2, negative: -0.2 }

type Token = { kind: 'word'; text: string; isShouted: boolean } | { kind: 'break' }

// Every lexicon entry, for longest-match segmentation of Chinese and emoji. Derived once from
// the constant lexicon.
const dictionary = new Set<string>([
  ...Object.keys(valence),
  ...negators,
  ...Object.keys(intensifiers),
  ...angerWords,
  ...urgencyWords,
])
// Every proper prefix of an entry, so a longest-match scan stops as soon as no entry can follow.
const prefixes = new Set<string>(
  [...dictionary].flatMap((w) =>
    [...w].slice(0, -1).map((_, i) => [...w].slice(0, i + 1).join('')),
  ),
)
const latinPhrases = [...dictionary].filter((w) => /^[a-z' ]+ [a-z' ]+$/.test(w))

const NEGATION_SCOPE = 3
const NEGATION_DAMPING = 0.75
/** VADER's normalization constant: sum / sqrt(sum² + α). */
const ALPHA = 15
const EMPHASIS_PER_MARK = 0.3

/**
 * Scores a message with the lexicon: each sentiment word's valence, scaled by intensifiers
 * before it (非常 / very), flipped and damped by a negation up to three words before it (不 /
 * not, within the clause), with emphasis for `!` and repeated `?`, and SHOUTED words. Also flags
 * anger (a complaint word, or strong negativity said with emphasis) and urgency (急 / asap, unless
 * negated: 不急).
 * @example scoreSentiment('太差了！我要投诉') // { score: -0.8…, label: 'negative', isAngry: true, … }
 */
export function scoreSentiment(
  text: string,
  thresholds: SentimentThresholds = defaultThresholds,
): SentimentScore {
  const tokens = tokenize(text)
  let sum = 0
  let isAngry = false
  let isUrgent = false
  tokens.forEach((token, i) => {
    if (token.kind !== 'word') return
    const word = token.text
    const isNegated = hasNegationBefore(tokens, i)
    if (angerWords.has(word) && !isNegated) isAngry = true
    if (urgencyWords.has(word) && !isNegated) isUrgent = true
    const base = valence[word]
    if (base === undefined || isIntensifierHere(tokens, i)) return
    let value = base * intensityBefore(tokens, i) * (token.isShouted ? 1.3 : 1)
    if (isNegated) value = -value * NEGATION_DAMPING
    sum += value
  })
  const exclamations = Math.min(4, (text.match(/[!！]/g) ?? []).length)
  const hasRepeatedMarks = /[?？!！]{2,}/.test(text)
  const emphasis = exclamations + (hasRepeatedMarks ? 1 : 0)
  if (sum !== 0) sum += Math.sign(sum) * EMPHASIS_PER_MARK * emphasis
  const score = round(sum / Math.sqrt(sum * sum + ALPHA))
  const isShouting = tokens.some((t) => t.kind === 'word' && t.isShouted)
  if (score <= -0.5 && (emphasis >= 2 || isShouting)) isAngry = true
  return { score, label: labelOf(score, thresholds), isAngry, isUrgent }
}

export function labelOf(score: number, thresholds: SentimentThresholds): SentimentLabel {
  if (score >= thresholds.positive) return 'positive'
  if (score <= thresholds.negative) return 'negative'
  return 'neutral'
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/** 好 is an intensifier before a sentiment word (好慢) and positive on its own (好). */
function isIntensifierHere(tokens: Token[], i: number): boolean {
  const token = tokens[i]
  const next = tokens[i + 1]
  return (
    token?.kind === 'word' &&
    intensifiers[token.text] !== undefined &&
    next?.kind === 'word' &&
    valence[next.text] !== undefined
  )
}

function intensityBefore(tokens: Token[], i: number): number {
  let factor = 1
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
    const token = tokens[j]
    if (token?.kind !== 'word') break
    const scale = intensifiers[token.text]
    if (scale === undefined) break
    factor *= scale
  }
  return factor
}

function hasNegationBefore(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - NEGATION_SCOPE); j--) {
    const token = tokens[j]
    if (token?.kind !== 'word') return false
    if (negators.has(token.text)) return true
  }
  return false
}

/**
 * Latin words whole (and known two-word phrases such as "right now"); everything else by longest
 * match against the lexicon, one character when nothing matches. Clause punctuation becomes a
 * break, which negation and intensifiers do not cross.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const lower = text.toLowerCase()
  const chars = [...text]
  const lowerChars = [...lower]
  let i = 0
  while (i < chars.length) {
    const ch = lowerChars[i] ?? ''
    if (/[a-z0-9']/.test(ch)) {
      const rest = lowerChars.slice(i, i + 24).join('')
      const phrase = latinPhrases.find(
        (p) => rest.startsWith(p) && !/[a-z]/.test(rest[p.length] ?? ''),
      )
      let end = i
      while (end < chars.length && /[a-z0-9']/.test(lowerChars[end] ?? '')) end++
      if (phrase) end = i + phrase.length
      const original = chars.slice(i, end).join('')
      const word = phrase ?? lowerChars.slice(i, end).join('')
      tokens.push({ kind: 'word', text: word, isShouted: isShouted(original) })
      i = end
      continue
    }
    if (/[\s]/.test(ch)) {
      i++
      continue
    }
    if (/[,.;:，。；：、?？!！~～]/.test(ch)) {
      tokens.push({ kind: 'break' })
      i++
      continue
    }
    const matched = longestEntryAt(lowerChars, i)
    const length = matched === '' ? 1 : [...matched].length
    tokens.push({ kind: 'word', text: matched || ch, isShouted: false })
    i += length
  }
  return tokens
}

/** The longest lexicon entry starting at `i`, or '' when none does. */
function longestEntryAt(chars: readonly string[], i: number): string {
  let candidate = ''
  let longest = ''
  for (let j = i; j < chars.length; j++) {
    candidate += chars[j]
    if (dictionary.has(candidate)) longest = candidate
    if (!prefixes.has(candidate)) break
  }
  return longest
}

/** A word of three or more capitals: TERRIBLE, not I or OK. */
function isShouted(word: string): boolean {
  return word.length >= 3 && /^[A-Z']+$/.test(word)
}
