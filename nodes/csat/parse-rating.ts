const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 }

/**
 * Reads a 1–5 rating from what the customer sent: `4`, `４`, `4分`, `四星`, `我给5分`, `5/5`,
 * `★★★★`, `4 stars`. Anything else (0, 6, 3.5, two numbers, a sentence) is not a rating.
 */
export function parseRating(answer: string): number | undefined {
  const text = answer
    .normalize('NFKC')
    .trim()
    .replace(/[\s!！。.~～]+$/u, '')
    .toLowerCase()
  const stars = /^[★⭐]{1,5}$/u.exec(text)
  if (stars) return [...text].length
  const match =
    /^(?:我?(?:给|打)(?:你们?|您)?)?\s*([1-5一二两三四五])\s*(?:分|星|颗星|stars?|points?|\/\s*5)?$/u.exec(
      text,
    )
  const digit = match?.[1]
  if (digit === undefined) return undefined
  return chineseDigits[digit] ?? Number(digit)
}
