import type { Clock } from '../../shared/index.ts'
import { findMoney, findQuantities } from './amount-entities.ts'
import {
  findCardNumbers,
  findEmails,
  findIdNumbers,
  findLandlines,
  findMobiles,
} from './contact-entities.ts'
import { findPattern, findSynonymValues, type SynonymValue } from './custom-entities.ts'
import { findDateTimes } from './date-time.ts'
import type { EntityMatch } from './entity-match.ts'
import { formatDate, formatDateTime, formatTime, localNow } from './zoned-time.ts'

export const entityTypes = [
  'mobile',
  'landline',
  'phone',
  'email',
  'idNumber',
  'bankCard',
  'date',
  'time',
  'datetime',
  'money',
  'quantity',
  'orderNumber',
  'custom',
  'text',
] as const
export type EntityType = (typeof entityTypes)[number]

/** Letters then 8–24 digits, or a long digit run: e.g. `JD20260101123456`, `202601011234`. */
export const defaultOrderPattern = '[A-Za-z]{0,4}\\d{8,24}'

export interface EntityRule {
  entity: EntityType
  pattern: string
  values: readonly SynonymValue[]
}

export interface EntityOptions {
  clock: Clock
  orderPattern: string
}

/** Every match of one entity type in `text`, in the order they are said. */
export function findEntities(
  text: string,
  rule: EntityRule,
  options: EntityOptions,
): EntityMatch[] {
  switch (rule.entity) {
    case 'mobile':
      return findMobiles(text)
    case 'landline':
      return findLandlines(text)
    case 'phone':
      return [...findMobiles(text), ...findLandlines(text)].sort((a, b) => a.start - b.start)
    case 'email':
      return findEmails(text)
    case 'idNumber':
      return findIdNumbers(text)
    case 'bankCard':
      return findCardNumbers(text)
    case 'date':
    case 'time':
    case 'datetime':
      return findDateTimeValues(text, rule.entity, options.clock)
    case 'money':
      return findMoney(text)
    case 'quantity':
      return findQuantities(text)
    case 'orderNumber':
      return findOrderNumbers(text, rule.pattern || options.orderPattern)
    case 'custom':
      return rule.values.length > 0
        ? findSynonymValues(text, rule.values)
        : rule.pattern
          ? findPattern(text, rule.pattern)
          : []
    case 'text':
      // Free text has no local extractor; the model fills it (mode llm or hybrid).
      return []
    default: {
      const unknown: never = rule.entity
      throw new Error(`unknown entity type ${String(unknown)}`)
    }
  }
}

function findDateTimeValues(
  text: string,
  entity: 'date' | 'time' | 'datetime',
  clock: Clock,
): EntityMatch[] {
  const mentions = findDateTimes(text, clock)
  const at = (m: { start: number; end: number; text: string }) => ({
    text: m.text,
    start: m.start,
    end: m.end,
  })
  if (entity === 'date') {
    return mentions.flatMap((m) => (m.date ? [{ value: formatDate(m.date), ...at(m) }] : []))
  }
  if (entity === 'time') {
    return mentions.flatMap((m) => (m.time ? [{ value: formatTime(m.time), ...at(m) }] : []))
  }
  return mentions.map((m) => {
    // A time alone is today; a date alone stays a date (no time was said).
    const date = m.date ?? localNow(clock)
    const value = m.time ? formatDateTime(date, m.time, clock.timeZone) : formatDate(date)
    return { value, ...at(m) }
  })
}

const orderKeyword = /订单|单号|order|no\.|#/i

/**
 * Text matching the order-number pattern that is not a phone or ID number. One said right after
 * 订单 / 单号 / order comes first.
 */
export function findOrderNumbers(text: string, pattern: string): EntityMatch[] {
  const bounded = `(?<![A-Za-z0-9])(?:${pattern})(?![A-Za-z0-9])`
  const taken = [...findMobiles(text), ...findLandlines(text), ...findIdNumbers(text)]
  const candidates = findPattern(text, bounded).filter(
    (c) => !taken.some((t) => c.start < t.end && t.start < c.end),
  )
  const hasKeyword = (c: EntityMatch) =>
    orderKeyword.test(text.slice(Math.max(0, c.start - 8), c.start))
  return [...candidates.filter(hasKeyword), ...candidates.filter((c) => !hasKeyword(c))]
}
