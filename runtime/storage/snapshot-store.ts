import { and, desc, eq } from 'drizzle-orm'
import { type Flow, flowSchema, type JsonValue, VersionNotFoundError } from '../../shared/index.ts'
import type { Database } from './database.ts'
import { flowSnapshots } from './schema-snapshots.ts'

export interface FlowSnapshot {
  id: number
  flowId: string
  flow: Flow
  prepared: Record<string, JsonValue>
  createdAt: string
}

/** Frozen copies of drafts for the editor's test chat (see schema-snapshots.ts). */
export class SnapshotStore {
  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Freezes a prepared draft. An unchanged draft reuses its latest snapshot: pressing "reset"
   * in the test chat then neither grows the table nor loses the engine's compiled cache.
   */
  async save(flow: Flow, prepared: Record<string, JsonValue>): Promise<FlowSnapshot> {
    return this.database.transaction(() => {
      const latest = this.database.db
        .select()
        .from(flowSnapshots)
        .where(eq(flowSnapshots.flowId, flow.id))
        .orderBy(desc(flowSnapshots.id))
        .limit(1)
        .get()
      if (
        latest &&
        JSON.stringify(latest.document) === JSON.stringify(flow) &&
        JSON.stringify(latest.prepared) === JSON.stringify(prepared)
      ) {
        return toSnapshot(latest)
      }
      const row = this.database.db
        .insert(flowSnapshots)
        .values({
          flowId: flow.id,
          document: flow,
          prepared,
          createdAt: new Date(this.now()).toISOString(),
        })
        .returning()
        .get()
      return toSnapshot(row)
    })
  }

  async get(flowId: string, snapshotId: number): Promise<FlowSnapshot> {
    const row = this.database.db
      .select()
      .from(flowSnapshots)
      .where(and(eq(flowSnapshots.id, snapshotId), eq(flowSnapshots.flowId, flowId)))
      .get()
    // Reported as the version it stands for in conversations: -<snapshot id>.
    if (!row) throw new VersionNotFoundError(flowId, -snapshotId)
    return toSnapshot(row)
  }
}

function toSnapshot(row: typeof flowSnapshots.$inferSelect): FlowSnapshot {
  return {
    id: row.id,
    flowId: row.flowId,
    flow: flowSchema.parse(row.document),
    prepared: row.prepared,
    createdAt: row.createdAt,
  }
}
