import type { JsonObject } from '../json.ts'
import { findPii, maskPii } from './find-pii.ts'
import { findTerms, foldText, mentionsAny } from './find-terms.ts'
import type {
  ComplianceAction,
  CompliancePolicy,
  ComplianceRule,
  ComplianceRuleKind,
  PolicyText,
} from './policy-schema.ts'

/** One rule that fired on a text: what it found and what was done. */
export interface ComplianceFinding {
  ruleId: string
  kind: ComplianceRuleKind
  action: ComplianceAction
  /** What was found, without the personal data itself: PII types, matched terms, lengths. */
  detail: JsonObject
}

export interface ComplianceOutcome {
  /** What the customer may see; null when the text is blocked. */
  output: string | null
  /** Sent instead of a blocked text: the policy's safe or handoff reply. */
  replacement: string | null
  isBlocked: boolean
  /** A rule asked for a person to follow up (handoff). */
  isHandoff: boolean
  /** Rules that found a violation (everything except appended disclaimers). */
  findings: ComplianceFinding[]
  /** Disclaimer rules whose text was appended. */
  disclaimers: string[]
  /** Rules whose action is `rewrite` and fired; only a model can carry them out. */
  pendingRewrites: ComplianceFinding[]
}

export interface CheckOptions {
  /** The conversation locale; the text's own script decides between Chinese and English. */
  locale: string
  /** A streamed sentence: length limits do not apply to a part of a message. */
  isSentence?: boolean
  /** Disclaimers already shown in this stream, so a sentence does not repeat one. */
  shownDisclaimers?: ReadonlySet<string>
  /** Skip these rules (e.g. terms already rewritten away are checked again). */
  skipRuleKinds?: ReadonlySet<ComplianceRuleKind>
}

const cjk = /[\u4e00-\u9fff]/

/** The locale whose texts suit this reply: a reply in Chinese gets Chinese disclaimers. */
export function replyLocale(text: string, locale: string): string {
  if (cjk.test(text)) return locale.toLowerCase().startsWith('zh') ? locale : 'zh-CN'
  return locale.toLowerCase().startsWith('zh') ? 'en' : locale
}

/** The policy text for a locale: exact tag, then language, then zh-CN. */
export function pickPolicyText(text: PolicyText, locale: string): string {
  const wanted = locale.toLowerCase()
  const language = wanted.split('-')[0] ?? wanted
  for (const [tag, value] of Object.entries(text)) if (tag.toLowerCase() === wanted) return value
  for (const [tag, value] of Object.entries(text)) if (tag.toLowerCase() === language) return value
  return text['zh-CN']
}

const blockingActions: ReadonlySet<ComplianceAction> = new Set(['block', 'handoff'])

/**
 * Applies every rule that needs no model to a text (pure and fast: this runs on every bot
 * message). Order: banned terms, personal data, length, then disclaimers on what is left.
 * `rewrite` rules are returned in `pendingRewrites` for the caller to carry out or block.
 */
export function checkText(
  policy: CompliancePolicy,
  text: string,
  options: CheckOptions,
): ComplianceOutcome {
  const locale = replyLocale(text, options.locale)
  const findings: ComplianceFinding[] = []
  const pendingRewrites: ComplianceFinding[] = []
  let output = text
  const rules = policy.rules.filter(
    (rule) => rule.isEnabled && !options.skipRuleKinds?.has(rule.kind),
  )
  const record = (rule: ComplianceRule, action: ComplianceAction, detail: JsonObject) => {
    const finding: ComplianceFinding = { ruleId: rule.id, kind: rule.kind, action, detail }
    if (action === 'rewrite') pendingRewrites.push(finding)
    else findings.push(finding)
  }

  for (const rule of rules) {
    if (rule.kind !== 'terms') continue
    const matches = findTerms(output, rule.terms, rule.isNegationAware)
    if (matches.length === 0) continue
    record(rule, rule.action, { terms: [...new Set(matches.map((m) => m.term))] })
    if (rule.action === 'mask') {
      for (const m of matches.reverse()) {
        output = output.slice(0, m.start) + '*'.repeat(m.end - m.start) + output.slice(m.end)
      }
    }
  }
  for (const rule of rules) {
    if (rule.kind !== 'pii') continue
    const matches = findPii(output, new Set(rule.types))
    if (matches.length === 0) continue
    record(rule, rule.action, { types: countByType(matches.map((m) => m.type)) })
    if (rule.action !== 'mask') continue
    const isChinese = cjk.test(output)
    for (const m of [...matches].reverse()) {
      const masked = maskPii(m.type, output.slice(m.start, m.end), isChinese)
      output = output.slice(0, m.start) + masked + output.slice(m.end)
    }
  }
  if (!options.isSentence) {
    for (const rule of rules) {
      if (rule.kind !== 'maxLength') continue
      const length = [...output].length
      if (length <= rule.maxChars) continue
      record(rule, rule.action, { length, maxChars: rule.maxChars })
      if (rule.action === 'truncate') output = truncate(output, rule.maxChars)
    }
  }

  const blocking = findings.filter((f) => blockingActions.has(f.action))
  if (blocking.length > 0) {
    const isHandoff = blocking.some((f) => f.action === 'handoff')
    const reply = isHandoff ? policy.handoffReply : policy.safeReply
    return {
      output: null,
      replacement: pickPolicyText(reply, locale),
      isBlocked: true,
      isHandoff,
      findings,
      disclaimers: [],
      pendingRewrites,
    }
  }

  const disclaimers: string[] = []
  for (const rule of rules) {
    if (rule.kind !== 'disclaimer' || options.shownDisclaimers?.has(rule.id)) continue
    const isOnTopic = rule.keywords.length === 0 || mentionsAny(text, rule.keywords)
    if (!isOnTopic) continue
    const disclaimer = pickPolicyText(rule.text, locale)
    const folded = foldText(output)
    const isPresent = [disclaimer, ...rule.recognizedAs].some((phrase) =>
      folded.includes(foldText(phrase)),
    )
    if (isPresent) continue
    output = appendDisclaimer(output, disclaimer)
    disclaimers.push(rule.id)
  }
  return {
    output,
    replacement: null,
    isBlocked: false,
    isHandoff: false,
    findings,
    disclaimers,
    pendingRewrites,
  }
}

function countByType(types: string[]): JsonObject {
  const counts: JsonObject = {}
  for (const type of types) counts[type] = (Number(counts[type] ?? 0) || 0) + 1
  return counts
}

// A streamed sentence keeps its trailing space or newline, so the disclaimer goes before it.
function appendDisclaimer(text: string, disclaimer: string): string {
  const body = text.trimEnd()
  const trailing = text.slice(body.length)
  const hasEnd = /[。！？!?.…）)」』"”]$/.test(body)
  const separator = cjk.test(body) ? (hasEnd ? '' : '。') : hasEnd ? ' ' : '. '
  return `${body}${separator}${disclaimer}${trailing}`
}

/** Cuts at a sentence end in the last third when there is one, else at the limit, and adds "…". */
function truncate(text: string, maxChars: number): string {
  const chars = [...text]
  const kept = chars.slice(0, Math.max(1, maxChars - 1)).join('')
  const cut = Math.max(
    ...['。', '！', '？', '. ', '! ', '? ', '\n'].map((end) => kept.lastIndexOf(end)),
  )
  const atSentence = cut >= kept.length * 0.66 ? kept.slice(0, cut + 1) : kept
  return `${atSentence.trimEnd()}…`
}
