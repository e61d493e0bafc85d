import { and, desc, eq, isNull, max } from 'drizzle-orm'
import {
  type Flow,
  FlowExistsError,
  FlowNotFoundError,
  flowSchema,
  type JsonValue,
  RevisionConflictError,
  VersionNotFoundError,
} from '../../shared/index.ts'
import type { Database } from './database.ts'
import { flows, flowVersions } from './schema.ts'
import { SnapshotStore } from './snapshot-store.ts'

export interface FlowSummary {
  id: string
  name: string
  description: string
  revision: number
  latestVersion: number | null
  createdAt: string
  updatedAt: string
}

export interface FlowDraft extends FlowSummary {
  flow: Flow
}

export interface FlowVersionSummary {
  flowId: string
  version: number
  note: string
  publishedAt: string
}

export interface FlowVersion extends FlowVersionSummary {
  flow: Flow
  /** What node types' `prepare` made at publish, by node id. */
  prepared: Record<string, JsonValue>
}

type FlowRow = typeof flows.$inferSelect

/** Drafts and published versions of flows. Published versions are never changed. */
export class FlowStore {
  /** Unlisted copies of drafts that the editor's test chat runs on. */
  readonly snapshots: SnapshotStore

  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.snapshots = new SnapshotStore(database, now)
  }

  // Methods are async although SQLite answers synchronously: the PostgreSQL store that serves
  // multi-instance deployments (DESIGN §13) cannot, and callers must not depend on it.

  async list(): Promise<FlowSummary[]> {
    return this.database.db
      .select()
      .from(flows)
      .where(isNull(flows.deletedAt))
      .orderBy(desc(flows.updatedAt))
      .all()
      .map((row) => toSummary(row, parseDraft(row)))
  }

  async get(flowId: string): Promise<FlowDraft> {
    return this.draftOf(flowId)
  }

  private draftOf(flowId: string): FlowDraft {
    const row = this.findRow(flowId)
    if (!row || row.deletedAt) throw new FlowNotFoundError(flowId)
    const flow = parseDraft(row)
    return { ...toSummary(row, flow), flow }
  }

  /** False only for a new database: deleted flows count. */
  async hasEverHeldFlows(): Promise<boolean> {
    return this.database.db.select({ id: flows.id }).from(flows).limit(1).get() !== undefined
  }

  /**
   * The version new conversations start on, or null before the first publish. Reads one
   * column: starting a conversation must not parse the whole draft.
   */
  async latestVersionOf(flowId: string): Promise<number | null> {
    const row = this.database.db
      .select({ latestVersion: flows.latestVersion, deletedAt: flows.deletedAt })
      .from(flows)
      .where(eq(flows.id, flowId))
      .get()
    if (!row || row.deletedAt) throw new FlowNotFoundError(flowId)
    return row.latestVersion
  }

  async exists(flowId: string): Promise<boolean> {
    const row = this.findRow(flowId)
    return row !== undefined && row.deletedAt === null
  }

  /** Creates a draft. A deleted flow's id may be used again; its versions stay. */
  async create(flow: Flow): Promise<FlowDraft> {
    return this.database.transaction(() => {
      const existing = this.findRow(flow.id)
      if (existing && !existing.deletedAt) throw new FlowExistsError(flow.id)
      const at = this.isoNow()
      if (existing) {
        // A re-created flow starts unpublished: new conversations must not start on the old
        // flow's versions. Those stay, numbered on, for conversations still running on them.
        this.database.db
          .update(flows)
          .set({
            name: flow.name,
            draft: flow,
            revision: existing.revision + 1,
            latestVersion: null,
            updatedAt: at,
            deletedAt: null,
          })
          .where(eq(flows.id, flow.id))
          .run()
      } else {
        this.database.db
          .insert(flows)
          .values({
            id: flow.id,
            name: flow.name,
            draft: flow,
            revision: 1,
            createdAt: at,
            updatedAt: at,
          })
          .run()
      }
      return this.draftOf(flow.id)
    })
  }

  /** Saves the draft if `expectedRevision` is still current: a stale write gets a conflict. */
  async save(flow: Flow, expectedRevision: number): Promise<FlowDraft> {
    return this.database.transaction(() => {
      const current = this.draftOf(flow.id)
      if (current.revision !== expectedRevision) {
        throw new RevisionConflictError(flow.id, expectedRevision, current.revision)
      }
      this.database.db
        .update(flows)
        .set({
          name: flow.name,
          draft: flow,
          revision: current.revision + 1,
          updatedAt: this.isoNow(),
        })
        .where(eq(flows.id, flow.id))
        .run()
      return this.draftOf(flow.id)
    })
  }

  async delete(flowId: string): Promise<void> {
    this.database.transaction(() => {
      this.draftOf(flowId)
      this.database.db
        .update(flows)
        .set({ deletedAt: this.isoNow() })
        .where(eq(flows.id, flowId))
        .run()
    })
  }

  /** Freezes a validated document as the next version and returns its number. */
  async publish(
    flow: Flow,
    note: string,
    prepared: Record<string, JsonValue> = {},
  ): Promise<FlowVersionSummary> {
    return this.database.transaction(() => {
      this.draftOf(flow.id)
      const { highest } = this.database.db
        .select({ highest: max(flowVersions.version) })
        .from(flowVersions)
        .where(eq(flowVersions.flowId, flow.id))
        .get() ?? { highest: null }
      const version = (highest ?? 0) + 1
      const publishedAt = this.isoNow()
      this.database.db
        .insert(flowVersions)
        .values({ flowId: flow.id, version, document: flow, prepared, note, publishedAt })
        .run()
      this.database.db
        .update(flows)
        .set({ latestVersion: version })
        .where(eq(flows.id, flow.id))
        .run()
      return { flowId: flow.id, version, note, publishedAt }
    })
  }

  async listVersions(flowId: string): Promise<FlowVersionSummary[]> {
    this.draftOf(flowId)
    return this.database.db
      .select({
        flowId: flowVersions.flowId,
        version: flowVersions.version,
        note: flowVersions.note,
        publishedAt: flowVersions.publishedAt,
      })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flowId))
      .orderBy(desc(flowVersions.version))
      .all()
  }

  /** A published version; also for deleted flows, whose conversations still run. */
  async getVersion(flowId: string, version: number): Promise<FlowVersion> {
    const row = this.database.db
      .select()
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)))
      .get()
    if (!row) {
      if (!this.findRow(flowId)) throw new FlowNotFoundError(flowId)
      throw new VersionNotFoundError(flowId, version)
    }
    return {
      flowId: row.flowId,
      version: row.version,
      note: row.note,
      publishedAt: row.publishedAt,
      flow: flowSchema.parse(row.document),
      prepared: row.prepared,
    }
  }

  private findRow(flowId: string): FlowRow | undefined {
    return this.database.db.select().from(flows).where(eq(flows.id, flowId)).get()
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString()
  }
}

function parseDraft(row: FlowRow): Flow {
  return flowSchema.parse(row.draft)
}

function toSummary(row: FlowRow, flow: Flow): FlowSummary {
  return {
    id: row.id,
    name: row.name,
    description: flow.description,
    revision: row.revision,
    latestVersion: row.latestVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
