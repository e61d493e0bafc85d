import { allPiiTypes, findPii, type JsonObject, type JsonValue } from '../../shared/index.ts'
import type { ProfileSealer } from '../storage/index.ts'
import type { SecretBox } from './secret-box.ts'

const sealedPrefix = 'sb1.'

/** Rows whose last plain and sealed profile are kept (a few MB at most). */
const maxRemembered = 5000

/** SENSITIVE_PROFILE_FIELDS when unset: the profile fields that identify or reach a person. */
export const defaultSensitiveProfileFields: readonly string[] = [
  'name',
  'phone',
  'mobile',
  'email',
  'idCard',
  'idNumber',
  'address',
  'bankCard',
  'birthday',
]

/**
 * Seals a profile field when its name is listed as sensitive (SENSITIVE_PROFILE_FIELDS, matched
 * without regard to case) or when its text holds personal data the PII finder recognises (a
 * phone number under a field called `contact`). The value is sealed as JSON, so numbers and
 * objects come back as they were.
 */
export function createProfileSealer(options: {
  box: SecretBox
  sensitiveFields: readonly string[]
}): ProfileSealer {
  const sensitive = new Set(options.sensitiveFields.map((f) => f.toLowerCase()))
  const isSensitive = (field: string, value: unknown) =>
    sensitive.has(field.toLowerCase()) ||
    (typeof value === 'string' && findPii(value, allPiiTypes).length > 0)
  // Most turns neither change the profile nor need it re-sealed: remember the last plain and
  // sealed form per row, and reuse them while the text is the same (a fresh IV buys nothing
  // for an unchanged value, and AES plus the PII finder cost ~150 µs a turn).
  const recent = new Map<string, { plainJson: string; sealedJson: string; sealed: JsonObject }>()
  const remember = (context: string, plain: JsonObject, sealed: JsonObject) => {
    recent.delete(context)
    if (recent.size >= maxRemembered) {
      const oldest = recent.keys().next().value
      if (oldest !== undefined) recent.delete(oldest)
    }
    recent.set(context, {
      plainJson: JSON.stringify(plain),
      sealedJson: JSON.stringify(sealed),
      sealed,
    })
  }
  return {
    seal(profile, context) {
      const known = recent.get(context)
      if (known && known.plainJson === JSON.stringify(profile)) return known.sealed
      const sealed: JsonObject = {}
      for (const [field, value] of Object.entries(profile)) {
        sealed[field] =
          value !== null && isSensitive(field, value)
            ? options.box.seal(JSON.stringify(value), `${context}:${field}`)
            : value
      }
      remember(context, profile, sealed)
      return sealed
    },
    open(profile, context) {
      const known = recent.get(context)
      if (known && known.sealedJson === JSON.stringify(profile)) {
        const copy: JsonObject = JSON.parse(known.plainJson)
        return copy
      }
      const opened: JsonObject = {}
      for (const [field, value] of Object.entries(profile)) {
        opened[field] =
          typeof value === 'string' && value.startsWith(sealedPrefix)
            ? openField(options.box, value, `${context}:${field}`)
            : value
      }
      remember(context, opened, profile)
      return opened
    },
  }
}

/** A customer's own text that merely starts like a sealed value is kept as it is. */
function openField(box: SecretBox, value: string, context: string): JsonValue {
  let text: string
  try {
    text = box.open(value, context)
  } catch {
    return value
  }
  const parsed: JsonValue = JSON.parse(text)
  return parsed
}
