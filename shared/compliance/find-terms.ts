export interface TermMatch {
  term: string
  start: number
  end: number
}

/**
 * Lower case, with full-width forms made half-width ("ＧＵＡＲＡＮＴＥＥＤ" → "guaranteed"), keeping
 * every position: positions in the folded text are positions in the original.
 */
export function foldText(text: string): string {
  const lowered = text.toLowerCase()
  const sameLength = lowered.length === text.length ? lowered : lowerEachChar(text)
  return sameLength
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

// A few characters lower-case to two ("İ"); those keep their case so positions hold.
function lowerEachChar(text: string): string {
  let folded = ''
  for (const char of text) {
    const lower = char.toLowerCase()
    folded += lower.length === char.length ? lower : char
  }
  return folded
}

const isAsciiWordChar = (char: string | undefined) => char !== undefined && /[a-z0-9]/i.test(char)

// A mention inside a negation or a warning is not a claim: "本产品不保本", "非保本理财",
// "警惕'稳赚不赔'的宣传", "there is no risk-free investment". Only the clause the term is in
// counts, so "不用担心，稳赚" is still a claim.
const zhNegation =
  /(?:不(?![仅但只光止用必需怕错])|没|非|未|勿|别|无法|禁止|严禁|警惕|谨防|防范|小心|所谓|杜绝|拒绝)/
const enNegation =
  /\b(?:not|no|never|cannot|without|nothing|neither|nor|beware|avoid|isn't|aren't|doesn't|don't|won't|can't|wasn't|weren't|shouldn't|no one|nobody)\b|n't\b/
const clauseBreak = /[，。！？；：,.!?;:\n]/

function isNegated(folded: string, start: number): boolean {
  const before = folded.slice(Math.max(0, start - 40), start)
  const parts = before.split(clauseBreak)
  const clause = parts[parts.length - 1] ?? ''
  if (zhNegation.test(clause.slice(-8))) return true
  const words = clause.trim().split(/\s+/).slice(-5).join(' ')
  return enNegation.test(words)
}

/**
 * Finds the terms in `text` (case-insensitive, full-width folded). A term that starts or ends
 * with a Latin letter must stand as a word ("no risk" is not found in "casino risks").
 */
export function findTerms(
  text: string,
  terms: readonly string[],
  isNegationAware = true,
): TermMatch[] {
  const folded = foldText(text)
  const found: TermMatch[] = []
  for (const term of terms) {
    const needle = foldText(term)
    if (needle === '') continue
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
      const end = at + needle.length
      if (isAsciiWordChar(needle[0]) && isAsciiWordChar(folded[at - 1])) continue
      if (isAsciiWordChar(needle[needle.length - 1]) && isAsciiWordChar(folded[end])) continue
      // "no risk" is not in "no risk-free": a hyphen joins the next word to the last one.
      if (
        isAsciiWordChar(needle[needle.length - 1]) &&
        folded[end] === '-' &&
        isAsciiWordChar(folded[end + 1])
      )
        continue
      if (isNegationAware && isNegated(folded, at)) continue
      found.push({ term, start: at, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/**
 * Whether any keyword occurs (case-insensitive; Latin keywords from a word start, so "dose"
 * finds "dosage" but not "closed").
 */
export function mentionsAny(text: string, keywords: readonly string[]): boolean {
  const folded = foldText(text)
  return keywords.some((keyword) => {
    const needle = foldText(keyword)
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
      if (!(isAsciiWordChar(needle[0]) && isAsciiWordChar(folded[at - 1]))) return true
    }
    return false
  })
}
