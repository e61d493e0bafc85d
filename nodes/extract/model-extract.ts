import { z } from 'zod'
import type { Clock, JsonValue, NodeContext } from '../../shared/index.ts'
import { askModelForJson } from '../text/index.ts'
import { type EntityOptions, type EntityRule, findEntities } from './find-entities.ts'
import { formatDate, formatDateTime, isValidDate, localNow } from './zoned-time.ts'

export interface ModelSlot extends EntityRule {
  name: string
  description: string
}

export interface ModelOptions extends EntityOptions {
  instructions: string
  timeoutMs: number
  provider?: string
  model?: string
}

/** How each entity type is described to the model. */
const entityHints: Record<ModelSlot['entity'], string> = {
  mobile: 'a mainland China mobile number, digits only',
  landline: 'a landline number with area code',
  phone: 'a phone number',
  email: 'an e-mail address',
  idNumber: 'an 18-character Chinese resident ID number',
  bankCard: 'a bank card number, digits only',
  date: 'a date as YYYY-MM-DD',
  time: 'a time as HH:mm (24-hour)',
  datetime: 'a date and time as YYYY-MM-DD HH:mm',
  money: 'an amount of money as a number',
  quantity: 'a count as a number',
  orderNumber: 'an order number exactly as written',
  custom: 'one of the allowed values',
  text: 'text',
}

// The answer is checked per field below; here only its shape.
const answerSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))

const weekdayNames = [
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
]

/**
 * Asks the model to fill `slots` from the message as one JSON object. Each value it gives passes
 * the same check as a local match (a phone number must look like one, a card number must pass
 * Luhn…); a value that does not is dropped and noted in the trace, so a guess never fills a slot.
 */
export async function extractWithModel(
  ctx: Pick<NodeContext, 'llm' | 'trace'>,
  text: string,
  slots: readonly ModelSlot[],
  options: ModelOptions,
): Promise<Map<string, JsonValue>> {
  const now = localNow(options.clock)
  const fields = slots.map((slot) => {
    const allowed =
      slot.entity === 'custom' && slot.values.length > 0
        ? ` (one of: ${slot.values.map((v) => JSON.stringify(v.value)).join(', ')})`
        : ''
    const description = slot.description ? `: ${slot.description}` : ''
    return `- "${slot.name}": ${entityHints[slot.entity]}${allowed}${description}`
  })
  const system = [
    'You extract fields from a customer-service message.',
    'Answer with one JSON object whose keys are exactly the field names below.',
    'Use null for a field the message does not state. Never guess or invent values.',
    `Today is ${formatDate(now)} (${weekdayNames[now.weekday]}), time zone ${options.clock.timeZone}.`,
    'Fields:',
    ...fields,
    options.instructions,
  ]
    .filter((line) => line !== '')
    .join('\n')
  const answer = await askModelForJson(ctx, {
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: text },
    ],
    schema: answerSchema,
    timeoutMs: options.timeoutMs,
    provider: options.provider,
    model: options.model,
  })
  const filled = new Map<string, JsonValue>()
  for (const slot of slots) {
    const raw = answer[slot.name]
    if (raw === undefined || raw === null || raw === '') continue
    const value = checkModelValue(slot, raw, options)
    if (value === undefined) {
      ctx.trace.note(`model value for slot ${slot.name} rejected`, { value: raw })
    } else {
      filled.set(slot.name, value)
    }
  }
  return filled
}

function checkModelValue(
  slot: ModelSlot,
  raw: string | number | boolean,
  options: EntityOptions,
): JsonValue | undefined {
  const text = String(raw).trim()
  if (slot.entity === 'text') return text === '' ? undefined : text
  if ((slot.entity === 'money' || slot.entity === 'quantity') && typeof raw === 'number') {
    return Number.isFinite(raw) ? raw : undefined
  }
  if (slot.entity === 'date' || slot.entity === 'datetime') {
    const iso = readIsoDateTime(text, options.clock)
    if (iso && (slot.entity === 'datetime' || !iso.includes('T'))) return iso
    if (iso && slot.entity === 'date') return iso.slice(0, 10)
  }
  if (slot.entity === 'time' && /^([01]\d|2[0-3]):[0-5]\d$/.test(text)) return text
  return findEntities(text, slot, options)[0]?.value
}

/** `2026-01-02` or `2026-01-02 15:00` / `2026-01-02T15:00` in the clock's zone. */
function readIsoDateTime(text: string, clock: Clock): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]([01]\d|2[0-3]):([0-5]\d))?/.exec(text)
  if (!match) return undefined
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
  if (!isValidDate(date)) return undefined
  if (match[4] === undefined) return formatDate(date)
  return formatDateTime(date, { hour: Number(match[4]), minute: Number(match[5]) }, clock.timeZone)
}
