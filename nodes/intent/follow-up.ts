import type { TranscriptMessage } from '../../shared/index.ts'
import { normalizeText, wordsOf } from './text-features.ts'

/** At most this many words (Chinese words by Intl.Segmenter) make a message a possible follow-up. */
const MAX_FOLLOW_UP_WORDS = 5
/** Only a customer message within the last few transcript entries is still the topic. */
const MAX_TURNS_BACK = 6

/**
 * Whether a message is short enough to be an elliptical follow-up ("那退货呢?", "and for
 * returns?"): such a message names the new detail and leaves the rest to the earlier turn.
 */
export function isShortMessage(text: string): boolean {
  const words = wordsOf(normalizeText(text))
  return words.length > 0 && words.length <= MAX_FOLLOW_UP_WORDS
}

// Discourse markers of an elliptical follow-up, in general use (not tied to any intent table):
// "那退货呢?", "还有换货", "and for returns?", "what about exchanges?".
const leadingMarkers =
  /^(?:那么?|还有|那如果|如果是|and(?: for| with| if)?|what about|how about|what if|same for|also)(?![a-z])\s*/u
const trailingMarkers = /\s*呢$/u

function coreOf(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .trim()
}

/** Whether a message reads as a follow-up to the previous one ("那退货呢?"). */
export function hasFollowUpMarker(text: string): boolean {
  const core = coreOf(text)
  return leadingMarkers.test(core) || trailingMarkers.test(core)
}

/** What a follow-up adds: the message without its markers ("那退货呢?" → "退货"). */
export function followUpDetail(text: string): string {
  return coreOf(text).replace(leadingMarkers, '').replace(trailingMarkers, '').trim()
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const MAX_CANDIDATES = 40

/**
 * Readings of a follow-up in the light of the previous message: the previous message with one
 * of its words replaced by the follow-up's detail ("换货的运费谁出?" + "那退货呢?" →
 * "退货的运费谁出?"), and both messages together. The follow-up fills the slot it names and
 * keeps the rest of the question; the classifier then says which reading it is surest of.
 */
export function followUpReadings(previous: string, text: string): string[] {
  const detail = followUpDetail(text)
  const together = `${previous} ${detail === '' ? text : detail}`
  if (detail === '') return [together]
  const segments = Array.from(segmenter.segment(previous.slice(0, 300)))
  const readings = segments.flatMap(({ isWordLike }, index) => {
    if (!isWordLike) return []
    const replaced = segments.map((part, at) => (at === index ? detail : part.segment))
    return [replaced.join('')]
  })
  return [together, ...readings.slice(0, MAX_CANDIDATES)]
}

/**
 * The customer's previous message, if it is recent. `history` ends with this turn's message,
 * which is skipped.
 */
export function previousCustomerMessage(
  history: readonly TranscriptMessage[],
  currentText: string,
): string | undefined {
  const customerTexts = history
    .slice(-MAX_TURNS_BACK - 1)
    .filter((message) => message.role === 'customer')
    .map((message) => message.text)
  if (customerTexts.at(-1) === currentText) customerTexts.pop()
  const previous = customerTexts.at(-1)
  return previous === undefined || previous.trim() === '' ? undefined : previous
}
