export const answerTypes = ['text', 'number', 'email', 'phone', 'choice', 'regex'] as const
export type AnswerType = (typeof answerTypes)[number]

export interface AnswerChoice {
  /** As shown to the customer (already rendered). */
  label: string
  /** Stored in the variable; the label when omitted. */
  value?: string
  synonyms: readonly string[]
}

export interface AnswerRule {
  answerType: AnswerType
  choices: readonly AnswerChoice[]
  /** A JavaScript regular expression, without flags. */
  pattern: string
}

/**
 * Checks a customer's answer against a rule and returns the value to store, or undefined when
 * the answer does not fit. Full-width letters and digits (Chinese input methods) count as ASCII.
 * - `text`: any non-blank answer, stored trimmed as written
 * - `number`: the whole answer is a number (`1,200`, `3.5`, `-2`); stored as a number
 * - `email`, `phone`: the answer contains exactly one address / mainland mobile number (the same
 *   one repeated counts once); the email is stored in lower case, the phone as its 11 digits
 * - `choice`: the answer equals a choice's value, label or synonym, ignoring case, surrounding
 *   spaces and trailing punctuation — or contains the words of exactly one choice ("我想退货"
 *   picks the choice with synonym 退货) unless the answer holds a negation; stored as the
 *   choice's value
 * - `regex`: the pattern matches somewhere in the answer; stores the matched text
 * @example parseAnswer('我的手机是 138 0013 8000', { answerType: 'phone', choices: [], pattern: '' })
 * // → '13800138000'
 */
export function parseAnswer(answer: string, rule: AnswerRule): string | number | undefined {
  const normalized = answer.normalize('NFKC').trim()
  if (normalized === '') return undefined
  switch (rule.answerType) {
    case 'text':
      return answer.trim()
    case 'number':
      return parseNumber(normalized)
    case 'email':
      return findOnly(normalized, emailPattern, (email) => email.toLowerCase())
    case 'phone':
      return findOnly(normalized, mobilePhonePattern, (phone) =>
        phone.replace(/\D/g, '').slice(-11),
      )
    case 'choice':
      return matchChoice(normalized, rule.choices)
    case 'regex':
      return new RegExp(rule.pattern).exec(normalized)?.[0]
    default: {
      const unknownType: never = rule.answerType
      throw new Error(`unknown answer type ${String(unknownType)}`)
    }
  }
}

/** `。` survives NFKC; the ASCII marks stand in for their full-width forms. */
const trailingPunctuation = /[\s。.,!?~、]+$/u

const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)$/
const groupedNumber = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/

function parseNumber(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '')
  // Strip a trailing full stop, but keep "3." readable as a number.
  const bare = compact.replace(/[。!?~]+$/u, '')
  if (!plainNumber.test(bare) && !groupedNumber.test(bare)) return undefined
  const value = Number(bare.replaceAll(',', ''))
  return Number.isFinite(value) ? value : undefined
}

const emailPattern =
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g

/** Mainland mobile numbers: 1[3-9] and nine digits, spaced or dashed, with +86 / 0086 / 86. */
const mobilePhonePattern = /(?<!\d)(?:(?:\+|00)?86[\s-]?)?1[3-9](?:[\s-]?\d){9}(?!\d)/g

/** The one thing `pattern` finds in `text`, normalized; repeats of it are fine. */
function findOnly(
  text: string,
  pattern: RegExp,
  normalize: (found: string) => string,
): string | undefined {
  const distinct = new Set([...text.matchAll(pattern)].map((match) => normalize(match[0])))
  return distinct.size === 1 ? [...distinct][0] : undefined
}

function choiceKey(text: string): string {
  return text.normalize('NFKC').trim().replace(trailingPunctuation, '').toLowerCase()
}

function choiceWords(choice: AnswerChoice): string[] {
  return [choice.value ?? '', choice.label, ...choice.synonyms]
    .map(choiceKey)
    .filter((w) => w !== '')
}

// A word shorter than this (in Latin script) is too likely to occur by chance inside a sentence.
const minLatinWordInSentence = 3
const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u

const negation = /[不没別别无非未]|\b(no|not|don't|dont|never|neither)\b/u

function occursIn(sentence: string, word: string): boolean {
  if (cjk.test(word)) return sentence.includes(word)
  if (word.length < minLatinWordInSentence) return false
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, 'u').test(
    sentence,
  )
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function matchChoice(text: string, choices: readonly AnswerChoice[]): string | undefined {
  const key = choiceKey(text)
  if (key === '') return undefined
  const exact = choices.find((candidate) => choiceWords(candidate).includes(key))
  if (exact) return exact.value ?? exact.label
  // Customers answer in sentences ("我想退货"): accept a choice whose word occurs in the
  // answer, but only when exactly one choice does, so an ambiguous answer is asked again. A
  // negated sentence ("我不想退货") is asked again too: guessing there would do harm.
  if (negation.test(key)) return undefined
  const mentioned = choices.filter((candidate) =>
    choiceWords(candidate).some((w) => occursIn(key, w)),
  )
  const only = mentioned.length === 1 ? mentioned[0] : undefined
  return only === undefined ? undefined : (only.value ?? only.label)
}
