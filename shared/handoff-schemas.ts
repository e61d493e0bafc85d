import { z } from 'zod'
import type { HandoffPriority } from './services.ts'

/** Queue (skill group) names appear in URLs: letters, digits, "_", "." and "-". */
export const queueNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "_", "." and "-"')

const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like 09:00 (24:00 for midnight)')
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-10-01')

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone })
      return true
    } catch {
      return false
    }
  }, 'an IANA time zone like Asia/Shanghai')

/** Open on these weekdays (1 = Monday … 7 = Sunday) from `from` to `to` (local time). */
export const openingHoursSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  from: timeOfDaySchema,
  to: timeOfDaySchema,
})
export type OpeningHours = z.infer<typeof openingHoursSchema>

export const defaultResolutionCodes = ['resolved', 'refunded', 'replaced', 'escalated', 'other']

/** A queue's settings (PUT /api/queues/{name}); a queue without any is always open. */
export const queueSettingsSchema = z.object({
  description: z.string().max(500).default(''),
  timeZone: timeZoneSchema.default('Asia/Shanghai'),
  /** No entries: open around the clock (holidays still close it). */
  hours: z.array(openingHoursSchema).max(50).default([]),
  /** Closed all day (local dates). */
  holidays: z.array(dateSchema).max(400).default([]),
  /** Weekend days worked (调休): open with Monday's hours. */
  extraWorkdays: z.array(dateSchema).max(100).default([]),
  /** What an agent picks when closing a conversation. */
  resolutionCodes: z
    .array(z.string().trim().min(1).max(50))
    .min(1)
    .max(50)
    .default(defaultResolutionCodes),
})
export type QueueSettings = z.infer<typeof queueSettingsSchema>
export type QueueSettingsInput = z.input<typeof queueSettingsSchema>

export const agentStatuses = ['online', 'away', 'offline'] as const
export type AgentStatus = (typeof agentStatuses)[number]

/** PUT /api/agent/presence. */
export const presenceBodySchema = z.object({
  status: z.enum(agentStatuses),
  /** Queues the agent takes; empty: every queue. Kept when omitted. */
  queues: z.array(queueNameSchema).max(50).optional(),
  maxConcurrent: z.number().int().min(1).max(50).optional(),
})

export const cannedResponseBodySchema = z.object({
  title: z.string().trim().min(1).max(100),
  /** May use `{{ user.name }}`, `{{ vars.orderId }}`: filled from the conversation when sent. */
  text: z.string().trim().min(1).max(2000),
  /** Only offered for this queue; every queue when omitted. */
  queue: queueNameSchema.nullish(),
})

const priorityRank: Record<HandoffPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 }
const priorityByRank: readonly HandoffPriority[] = ['low', 'normal', 'high', 'urgent']

export function priorityToRank(priority: HandoffPriority): number {
  return priorityRank[priority]
}

export function rankToPriority(rank: number): HandoffPriority {
  return priorityByRank[Math.max(0, Math.min(3, rank))] ?? 'normal'
}
