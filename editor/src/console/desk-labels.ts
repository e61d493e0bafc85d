// The agent desk stores a few words of its own (resolution codes, event notes, sentiment labels)
// in English; these put them in the operator's language. Anything else (a queue's own codes,
// what an admin typed) is shown as it is.
import { findMessageKey, type Translate } from '../i18n.ts'

/** A resolution code: the catalog's label for the defaults, else the code as configured. */
export function resolutionCodeLabel(t: Translate, code: string): string {
  const key = findMessageKey(`console.resolutionCode.${code}`)
  return key ? t(key) : code
}

export function sentimentLabel(t: Translate, label: string): string {
  const key = findMessageKey(`console.sentimentLabel.${label}`)
  return key ? t(key) : label
}

const fixedEvents: Record<string, string> = {
  claimed: 'console.event.claimed',
  'returned to the bot': 'console.event.returned',
  'the customer left': 'console.event.customerLeft',
  'agent went offline': 'console.event.agentOffline',
  'agent offline; back in the queue': 'console.event.agentOffline',
  'console disconnected; back in the queue': 'console.event.disconnected',
}

/** An event note ("claimed", "closed: refunded", "transferred to queue vip") in words. */
export function eventNoteText(t: Translate, text: string): string {
  const fixed = findMessageKey(fixedEvents[text] ?? '')
  if (fixed) return t(fixed)
  const closed = /^closed: (.+)$/.exec(text)
  if (closed?.[1]) return t('console.event.closed', { code: resolutionCodeLabel(t, closed[1]) })
  const toAgent = /^transferred to agent (.+)$/.exec(text)
  if (toAgent?.[1]) return t('console.event.transferredToAgent', { name: toAgent[1] })
  const toQueue = /^transferred to queue (.*)$/.exec(text)
  if (toQueue?.[1] !== undefined)
    return t('console.event.transferredToQueue', { queue: toQueue[1] })
  return text
}
