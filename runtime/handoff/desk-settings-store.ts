import { randomUUID } from 'node:crypto'
import { asc, eq, isNull, or } from 'drizzle-orm'
import {
  AppError,
  type QueueSettings,
  type QueueSettingsInput,
  queueSettingsSchema,
} from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { cannedResponses, handoffQueues } from '../storage/schema.ts'

export class QueueNotFoundError extends AppError {
  constructor(name: string) {
    super('queue_not_found', `Queue ${name} has no settings`, { queue: name })
  }
}

export class CannedResponseNotFoundError extends AppError {
  constructor(id: string) {
    super('canned_response_not_found', `Canned response ${id} does not exist`, { id })
  }
}

export interface QueueView extends QueueSettings {
  name: string
  updatedAt: string
}

export interface CannedResponse {
  id: string
  title: string
  text: string
  queue: string | null
  createdAt: string
  updatedAt: string
}

const alwaysOpen = queueSettingsSchema.parse({})

/** Queue settings (business hours, holidays, resolution codes) and canned responses. */
export class DeskSettingsStore {
  constructor(
    private readonly database: Database,
    private readonly now: () => number,
  ) {}

  listQueues(): QueueView[] {
    return this.database.db
      .select()
      .from(handoffQueues)
      .orderBy(asc(handoffQueues.name))
      .all()
      .map((row) => ({ ...parseSettings(row.settings), name: row.name, updatedAt: row.updatedAt }))
  }

  /** A queue's settings; a queue without a row is always open with the default codes. */
  queueSettings(name: string): QueueSettings {
    const row = this.database.db
      .select({ settings: handoffQueues.settings })
      .from(handoffQueues)
      .where(eq(handoffQueues.name, name))
      .get()
    return row ? parseSettings(row.settings) : alwaysOpen
  }

  putQueue(name: string, input: QueueSettingsInput): QueueView {
    const settings = queueSettingsSchema.parse(input)
    const at = new Date(this.now()).toISOString()
    this.database.db
      .insert(handoffQueues)
      .values({ name, description: settings.description, settings, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: handoffQueues.name,
        set: { description: settings.description, settings, updatedAt: at },
      })
      .run()
    return { ...settings, name, updatedAt: at }
  }

  deleteQueue(name: string): void {
    const { changes } = this.database.db
      .delete(handoffQueues)
      .where(eq(handoffQueues.name, name))
      .run()
    if (changes === 0) throw new QueueNotFoundError(name)
  }

  /** Canned responses for every queue, and for `queue` when given. */
  listCanned(queue?: string): CannedResponse[] {
    const query = this.database.db.select().from(cannedResponses)
    const rows =
      queue === undefined
        ? query.orderBy(asc(cannedResponses.title)).all()
        : query
            .where(or(isNull(cannedResponses.queue), eq(cannedResponses.queue, queue)))
            .orderBy(asc(cannedResponses.title))
            .all()
    return rows
  }

  getCanned(id: string): CannedResponse {
    const row = this.database.db
      .select()
      .from(cannedResponses)
      .where(eq(cannedResponses.id, id))
      .get()
    if (!row) throw new CannedResponseNotFoundError(id)
    return row
  }

  putCanned(
    id: string | undefined,
    body: { title: string; text: string; queue?: string | null | undefined },
  ): CannedResponse {
    const at = new Date(this.now()).toISOString()
    const queue = body.queue ?? null
    if (id === undefined) {
      const created = { id: randomUUID(), title: body.title, text: body.text, queue }
      const row = { ...created, createdAt: at, updatedAt: at }
      this.database.db.insert(cannedResponses).values(row).run()
      return row
    }
    const existing = this.getCanned(id)
    const row = { ...existing, title: body.title, text: body.text, queue, updatedAt: at }
    this.database.db.update(cannedResponses).set(row).where(eq(cannedResponses.id, id)).run()
    return row
  }

  deleteCanned(id: string): void {
    const { changes } = this.database.db
      .delete(cannedResponses)
      .where(eq(cannedResponses.id, id))
      .run()
    if (changes === 0) throw new CannedResponseNotFoundError(id)
  }
}

// Stored settings were valid when written; should a later, stricter schema refuse them, the
// queue is treated as always open rather than failing every handoff to it.
function parseSettings(stored: unknown): QueueSettings {
  const parsed = queueSettingsSchema.safeParse(stored)
  return parsed.success ? parsed.data : alwaysOpen
}
