import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { JsonValue } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { complianceEvents } from '../storage/schema.ts'

export const complianceEventSources = ['message', 'sentence', 'node'] as const

export interface NewComplianceEvent {
  conversationId: string | null
  flowId: string | null
  nodeId: string | null
  policyId: string
  ruleId: string
  ruleKind: string
  action: string
  source: (typeof complianceEventSources)[number]
  /** Personal data masked already. */
  before: string
  after: string | null
  detail: JsonValue
}

export interface ComplianceEvent extends NewComplianceEvent {
  id: number
  createdAt: string
}

export const complianceEventFilterSchema = z.object({
  flowId: z.string().min(1).max(100).optional(),
  conversationId: z.string().min(1).max(200).optional(),
  ruleId: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(32).optional(),
  /** ISO time, inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO time, inclusive. */
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `nextCursor` of the previous page: events older than it. */
  cursor: z.coerce.number().int().min(1).optional(),
})
export type ComplianceEventFilter = z.infer<typeof complianceEventFilterSchema>

/** Compliance decisions for auditors, newest first. Rows are only ever added. */
export class ComplianceEventStore {
  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async record(events: readonly NewComplianceEvent[]): Promise<void> {
    if (events.length === 0) return
    const createdAt = new Date(this.now()).toISOString()
    this.database.db
      .insert(complianceEvents)
      .values(events.map((event) => ({ ...event, createdAt })))
      .run()
  }

  async list(
    filter: ComplianceEventFilter,
  ): Promise<{ events: ComplianceEvent[]; nextCursor: number | null }> {
    const conditions: SQL[] = []
    if (filter.flowId) conditions.push(eq(complianceEvents.flowId, filter.flowId))
    if (filter.conversationId) {
      conditions.push(eq(complianceEvents.conversationId, filter.conversationId))
    }
    if (filter.ruleId) conditions.push(eq(complianceEvents.ruleId, filter.ruleId))
    if (filter.action) conditions.push(eq(complianceEvents.action, filter.action))
    if (filter.from) conditions.push(gte(complianceEvents.createdAt, toUtc(filter.from)))
    if (filter.to) conditions.push(lte(complianceEvents.createdAt, toUtc(filter.to)))
    if (filter.cursor) conditions.push(lt(complianceEvents.id, filter.cursor))
    const rows = this.database.db
      .select()
      .from(complianceEvents)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(complianceEvents.id))
      .limit(filter.limit + 1)
      .all()
    const page = rows.slice(0, filter.limit)
    const last = page[page.length - 1]
    return {
      events: page.map((row) => ({ ...row, detail: row.detail ?? null })),
      nextCursor: rows.length > filter.limit && last ? last.id : null,
    }
  }
}

// Stored times are UTC ISO strings; a filter with an offset compares correctly only in UTC.
function toUtc(iso: string): string {
  return new Date(iso).toISOString()
}
