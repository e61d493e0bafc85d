import { findMessageKey, type Locale, translate } from '../i18n.ts'

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
  return joined
    .split('|')
    .map((raw) => {
      const value = raw.replace(/^"|"$/g, '')
      const key = fieldName ? findMessageKey(`option.${fieldName}.${value}`) : undefined
      return key ? translate(lang, key) : value
    })
    .join(translate(lang, 'problem.listSeparator'))
}
