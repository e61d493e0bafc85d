// The agent desk stores codes (resolution codes, desk event codes, sentiment labels); these put
// them in the operator's language. Anything else (a queue's own codes, what an admin typed, an
// event this console does not know yet) is shown as it is.
import { findMessageKey, type Translate } from '../i18n.ts'
import type { Note } from './console-api.ts'

/** A resolution code: the catalog's label for the defaults, else the code as configured. */
export function resolutionCodeLabel(t: Translate, code: string): string {
  const key = findMessageKey(`console.resolutionCode.${code}`)
  return key ? t(key) : code
}

export function sentimentLabel(t: Translate, label: string): string {
  const key = findMessageKey(`console.sentimentLabel.${label}`)
  return key ? t(key) : label
}

type Params = Record<string, string>

/** Each desk event code (runtime/handoff/desk-events.ts) in words, from its params. */
const eventTexts: Record<string, (t: Translate, params: Params) => string> = {
  claimed: (t) => t('console.event.claimed'),
  transferred_to_queue: (t, p) => t('console.event.transferredToQueue', { queue: p.queue ?? '' }),
  transferred_to_agent: (t, p) =>
    t('console.event.transferredToAgent', { name: p.agentName ?? '' }),
  closed: (t, p) =>
    t('console.event.closed', { code: resolutionCodeLabel(t, p.resolutionCode ?? '') }),
  returned: (t) => t('console.event.returned'),
  customer_left: (t) => t('console.event.customerLeft'),
  requeued_agent_offline: (t) => t('console.event.agentOffline'),
  requeued_console_silent: (t) => t('console.event.disconnected'),
}

/**
 * A desk event in words, from its code and params; one without a code (a server from before
 * codes) or with a code this console does not know is shown as the server wrote it.
 */
export function eventNoteText(t: Translate, note: Pick<Note, 'code' | 'params' | 'text'>): string {
  const say =
    note.code !== null && Object.hasOwn(eventTexts, note.code) ? eventTexts[note.code] : undefined
  return say ? say(t, note.params ?? {}) : note.text
}

/** The summary's intent: its label in the conversation's language, else its name. */
export function intentText(summary: { intent?: string | null; intentLabel?: string | null }) {
  return summary.intentLabel || summary.intent || null
}
