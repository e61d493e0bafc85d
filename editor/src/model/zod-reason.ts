import type { ProblemParams } from '../../../shared/index.ts'
import { findMessageKey, type Locale, translate } from '../i18n.ts'

/**
 * Why a field was refused, from the zod issue a `config_invalid` or `schema` problem carries
 * in its params (`issue`, `expected`, `minimum`, `values`, …; see zodIssueParams in shared/).
 * A node type's own refinement (`custom`) becomes "is not valid", as in zodReason.
 */
export function zodReasonFromParams(
  params: ProblemParams,
  fieldName: string | undefined,
  lang: Locale,
): string {
  const { issue, origin, expected, values } = params
  if (issue === 'invalid_type' && params.received === 'undefined') {
    return translate(lang, 'problem.reason.required')
  }
  if (issue === 'too_small' || issue === 'too_big') {
    const kind = origin === 'string' ? 'String' : origin === 'array' ? 'Array' : 'Number'
    const isSmall = issue === 'too_small'
    const inclusive = isSmall ? params.minimum : params.maximum
    const exclusive = isSmall ? params.exclusiveMinimum : params.exclusiveMaximum
    const suffix = kind === 'Number' && inclusive === undefined ? 'Exclusive' : ''
    const key = findMessageKey(`problem.reason.${isSmall ? 'tooSmall' : 'tooBig'}${kind}${suffix}`)
    const limit = inclusive ?? exclusive
    if (key && (typeof limit === 'number' || typeof limit === 'string')) {
      return translate(lang, key, { limit })
    }
  }
  if (issue === 'invalid_type' && typeof expected === 'string') {
    const typeKey = findMessageKey(`problem.type.${expected}`)
    return translate(lang, 'problem.reason.type', {
      type: typeKey ? translate(lang, typeKey) : expected,
    })
  }
  if (issue === 'invalid_value' && Array.isArray(values)) {
    return translate(lang, 'problem.reason.choice', {
      choices: optionNames(values, fieldName, lang),
    })
  }
  if (issue === 'invalid_format') return translate(lang, 'problem.reason.pattern')
  return translate(lang, 'problem.reason.invalid')
}

/**
 * Why a field was refused, in the operator's language, from the message of a zod issue
 * (`config_invalid` and `schema` problems, `invalid_request` answers carry only that text).
 * The patterns are zod 4's English locale and shared/'s friendlyIssues; zod-reason.test.ts
 * parses real schemas, so a zod upgrade that rewords them fails there. Anything else (a node
 * type's own refinement) becomes "is not valid": a node author's English never reaches a
 * Chinese screen.
 */
export function zodReason(message: string, fieldName: string | undefined, lang: Locale): string {
  if (/this field is required|received undefined/.test(message)) {
    return translate(lang, 'problem.reason.required')
  }
  const size = /Too (small|big): expected (\w+) to (?:have|be) (>=|>|<=|<)(-?[\d.]+)/.exec(message)
  if (size) {
    const [, direction, origin, comparison, limit] = size
    const kind = origin === 'string' ? 'String' : origin === 'array' ? 'Array' : 'Number'
    const exclusive = comparison === '>' || comparison === '<' ? 'Exclusive' : ''
    const key = findMessageKey(
      `problem.reason.${direction === 'small' ? 'tooSmall' : 'tooBig'}${kind}${kind === 'Number' ? exclusive : ''}`,
    )
    if (key) return translate(lang, key, { limit: limit ?? '' })
  }
  const type = /Invalid input: expected (\w+), received/.exec(message)?.[1]
  if (type !== undefined) {
    const typeKey = findMessageKey(`problem.type.${type}`)
    return translate(lang, 'problem.reason.type', {
      type: typeKey ? translate(lang, typeKey) : type,
    })
  }
  const choices =
    /Invalid option: expected one of (.+)$/.exec(message)?.[1] ??
    /Invalid input: expected ("[^"]*")$/.exec(message)?.[1]
  if (choices !== undefined) {
    return translate(lang, 'problem.reason.choice', {
      choices: choiceNames(choices, fieldName, lang),
    })
  }
  if (/must match pattern|Invalid string|Invalid (?:email|url|uuid)/.test(message)) {
    return translate(lang, 'problem.reason.pattern')
  }
  return translate(lang, 'problem.reason.invalid')
}

/** `"a"|"b"` → the options' own labels (`option.<field>.<value>`) where the catalog has them. */
function choiceNames(joined: string, fieldName: string | undefined, lang: Locale): string {
  const values = joined.split('|').map((raw) => raw.replace(/^"|"$/g, ''))
  return optionNames(values, fieldName, lang)
}

function optionNames(
  values: readonly string[],
  fieldName: string | undefined,
  lang: Locale,
): string {
  return values
    .map((value) => {
      const key = fieldName ? findMessageKey(`option.${fieldName}.${value}`) : undefined
      return key ? translate(lang, key) : value
    })
    .join(translate(lang, 'problem.listSeparator'))
}
