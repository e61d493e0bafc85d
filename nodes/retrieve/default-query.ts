import type { TranscriptMessage } from '../../shared/index.ts'

// Openings that make a message lean on the one before: "那运费呢", "还有保修吗", "what about
// shipping", "and the warranty". Lower case; English ones end at a word boundary.
const leaningOpeners = ['那', '那么', '还有', '另外', '这个', '那个', '它', '他们', '这些', '那些']
const leaningEnglish =
  /^(and|also|what about|how about|and what about|it|that|this|those|these|then)\b/

/** Chinese characters and words in other scripts, the "length" of a message. */
export function countUnits(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0
  const words =
    text
      .replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, ' ')
      .match(/[\p{L}\p{N}]+/gu)?.length ?? 0
  return cjk + words
}

/** Whether a message likely only makes sense with the previous one ("运费呢？", "what about it"). */
export function isElliptical(text: string): boolean {
  const trimmed = text.trim().toLowerCase()
  if (trimmed === '') return false
  if (countUnits(trimmed) < 4) return true
  return leaningOpeners.some((opener) => trimmed.startsWith(opener)) || leaningEnglish.test(trimmed)
}

/**
 * The default search query: the customer's message, preceded by their previous message when
 * this one is short (fewer than four characters or words) or opens by leaning on what was said
 * before ("那…", "还有…", "what about…"). So "运费呢？" after "退货流程是什么" searches for both.
 */
export function defaultQuery(message: string, history: readonly TranscriptMessage[]): string {
  if (!isElliptical(message)) return message
  const customerTexts = history.filter((m) => m.role === 'customer').map((m) => m.text)
  // History includes this turn's message last; the one before it is the previous turn's.
  const current = customerTexts.at(-1) === message ? customerTexts.length - 1 : customerTexts.length
  const previous = customerTexts.slice(0, current).at(-1)
  return previous === undefined || previous.trim() === '' ? message : `${previous} ${message}`
}
