import { problemParamsSchema, problemSchema } from '../../shared/index.ts'
import { ApiError } from './api-client.ts'
import { findMessageKey, type Locale, translate } from './i18n.ts'
import { problemText } from './model/problem-text.ts'
import { zodReason, zodReasonFromParams } from './model/zod-reason.ts'

type Values = Record<string, string | number>

/**
 * Any error as one sentence in the operator's language. An API error is told by its `code`
 * (every code of shared/errors.ts has an `apiError.<code>` text; error-text.test.ts checks)
 * filled from its `details`: the server's English `message` is shown only for a code this
 * editor does not know yet (a newer server). `role` is the signed-in user's, for refusals.
 */
export function errorText(error: unknown, locale: Locale, role?: string): string {
  if (error instanceof ApiError) return apiErrorText(error, locale, role)
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) {
    // The browser's own English for a request that never reached the server.
    return translate(locale, 'common.unreachable')
  }
  return error instanceof Error ? error.message : String(error)
}

function apiErrorText(error: ApiError, locale: Locale, role: string | undefined): string {
  const details = record(error.details)
  const special = specialText(error, details, locale, role)
  if (special !== undefined) return special
  const key = findMessageKey(`apiError.${error.code}`)
  if (key)
    return translate(locale, key, { ...primitives(details), ...extraValues(details, locale) })
  // No code at all: a proxy's page or an empty answer, whose statusText is English.
  if (error.code === 'unknown')
    return translate(locale, 'apiError.status', { status: error.status })
  return error.message
}

/** Codes whose sentence depends on what the details say, not only on filling them in. */
function specialText(
  error: ApiError,
  details: Record<string, unknown>,
  locale: Locale,
  role: string | undefined,
): string | undefined {
  switch (error.code) {
    case 'forbidden': {
      if (details.reason === 'live_conversation') return translate(locale, 'apiError.forbiddenLive')
      const roleKey = role === undefined ? undefined : findMessageKey(`role.${role}`)
      return roleKey
        ? translate(locale, 'apiError.forbiddenRole', { role: translate(locale, roleKey) })
        : translate(locale, 'apiError.forbidden')
    }
    case 'flow_invalid':
      return flowInvalidText(details, locale)
    case 'invalid_request':
      return invalidRequestText(details, locale)
    case 'document_invalid':
      return translate(locale, 'apiError.document_invalid', {
        fileName: String(details.fileName ?? ''),
        reason: documentReason(details, locale),
      })
    case 'handoff_claimed':
      return typeof details.agentName === 'string'
        ? translate(locale, 'apiError.handoff_claimed', { agentName: details.agentName })
        : translate(locale, 'apiError.handoffClaimedAnonymous')
    default:
      return undefined
  }
}

function flowInvalidText(details: Record<string, unknown>, locale: Locale): string {
  const problems = Array.isArray(details.problems) ? details.problems : []
  const first = problemSchema.safeParse(problems[0])
  if (!first.success)
    return translate(locale, 'apiError.flowInvalidCount', { count: problems.length })
  return translate(locale, 'apiError.flow_invalid', {
    count: problems.length,
    first: problemText(first.data, locale),
  })
}

function invalidRequestText(details: Record<string, unknown>, locale: Locale): string {
  const problems = (Array.isArray(details.problems) ? details.problems : []).map(record)
  const [first] = problems
  if (first === undefined) return translate(locale, 'apiError.invalidRequestGeneric')
  const path = Array.isArray(first.path) ? first.path : []
  const name = path.filter((segment): segment is string => typeof segment === 'string').at(-1)
  const labelKey = name === undefined ? undefined : findMessageKey(`field.${name}`)
  return translate(locale, 'apiError.invalid_request', {
    field: labelKey ? translate(locale, labelKey) : path.join('.'),
    reason: reasonOf(first, name, locale),
    count: problems.length,
  })
}

/** From the zod issue's params; a server older than them sent only zod's English. */
function reasonOf(problem: Record<string, unknown>, name: string | undefined, locale: Locale) {
  const params = problemParamsSchema.safeParse(problem.params)
  return params.success
    ? zodReasonFromParams(params.data, name, locale)
    : zodReason(String(problem.message ?? ''), name, locale)
}

/** By the server's `reasonCode`; a server older than it gave only its English `reason`. */
function documentReason(details: Record<string, unknown>, locale: Locale): string {
  const supported = Array.isArray(details.supported) ? details.supported.map(String) : []
  switch (details.reasonCode) {
    case 'unsupported_type':
      return translate(locale, 'apiError.document.unsupported', { formats: supported.join(', ') })
    case 'no_text':
      return translate(locale, 'apiError.document.noText')
    case 'empty':
      return translate(locale, 'apiError.document.noRows')
    case 'columns_missing':
      return translate(locale, 'apiError.document.columnsMissing')
    case 'send_as_file':
      return translate(locale, 'apiError.document.asFile')
    case 'corrupt':
      return translate(locale, 'apiError.document.unreadable')
    default:
      return documentReasonFromMessage(String(details.reason ?? ''), locale)
  }
}

function documentReasonFromMessage(reason: string, locale: Locale): string {
  if (reason.startsWith('unsupported file type')) {
    return translate(locale, 'apiError.document.unsupported', {
      formats: /\(supported: (.+)\)/.exec(reason)?.[1] ?? '',
    })
  }
  if (reason.includes('contains no text')) return translate(locale, 'apiError.document.noText')
  if (reason.includes('no question/answer rows')) {
    return translate(locale, 'apiError.document.noRows')
  }
  if (reason.includes('multipart/form-data')) {
    return translate(locale, 'apiError.document.asFile')
  }
  return translate(locale, 'apiError.document.unreadable')
}

/** Values the texts need in another form than the details give them. */
function extraValues(details: Record<string, unknown>, locale: Locale): Values {
  const values: Values = {}
  if (typeof details.retryAfterSeconds === 'number') values.seconds = details.retryAfterSeconds
  if (typeof details.limitBytes === 'number') values.limit = byteSize(details.limitBytes)
  if (typeof details.position === 'number') values.position = details.position + 1
  if (Array.isArray(details.flows)) {
    values.count = details.flows.length
    values.flows = details.flows.join(translate(locale, 'problem.listSeparator'))
  }
  return values
}

/** `5242880` → `5 MB`, `65536` → `64 KB`. */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}

function primitives(details: Record<string, unknown>): Values {
  const values: Values = {}
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value
  }
  return values
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {}
}
