import { randomUUID } from 'node:crypto'
import { and, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm'
import { z } from 'zod'
import {
  type Experiment,
  type ExperimentSettings,
  type ExperimentStatus,
  guardrailSchema,
  primaryKpiSchema,
  stopDetailSchema,
  variantSchema,
} from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { experiments, flows } from '../storage/schema.ts'
import { ExperimentNotFoundError } from './experiment-errors.ts'

type ExperimentRow = typeof experiments.$inferSelect

/** Changes a lifecycle step writes; the rest of the experiment stays. */
export type ExperimentChange = Partial<
  Pick<
    Experiment,
    | 'status'
    | 'stopReason'
    | 'stopDetail'
    | 'promotedVariant'
    | 'promotedVersion'
    | 'startedAt'
    | 'endedAt'
  >
>

/**
 * Experiments in SQLite. Async like the other stores (PostgreSQL later). `update` takes the
 * statuses the change is allowed from and writes only if the row is still in one of them, so
 * two processes pausing and stopping at once cannot both win.
 */
export class ExperimentStore {
  /**
   * `runningFor` runs at every conversation start (the engine's assignVariant hook): prepared
   * once, because building the query and preparing a new SQLite statement per start cost about
   * 60 KB of garbage each and showed in the server's memory under load (docs/performance.md).
   */
  readonly #runningFor

  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.#runningFor = database.db
      .select()
      .from(experiments)
      .where(
        and(eq(experiments.flowId, sql.placeholder('flowId')), eq(experiments.status, 'running')),
      )
      .prepare()
  }

  async create(settings: ExperimentSettings, createdBy: string | null): Promise<Experiment> {
    const at = this.isoNow()
    const id = randomUUID()
    this.database.db
      .insert(experiments)
      .values({
        id,
        flowId: settings.flowId,
        name: settings.name,
        description: settings.description,
        status: 'draft',
        variants: settings.variants,
        primaryKpi: settings.primaryKpi,
        guardrails: settings.guardrails,
        alpha: settings.alpha,
        power: settings.power,
        mde: settings.mde,
        baseline: settings.baseline,
        minConversations: settings.minConversations,
        createdBy,
        createdAt: at,
        updatedAt: at,
      })
      .run()
    return this.get(id)
  }

  async get(experimentId: string): Promise<Experiment> {
    const row = this.database.db
      .select()
      .from(experiments)
      .where(eq(experiments.id, experimentId))
      .get()
    if (!row) throw new ExperimentNotFoundError(experimentId)
    return toExperiment(row)
  }

  async list(filter: { flowId?: string; statuses?: ExperimentStatus[] } = {}) {
    const conditions = []
    if (filter.flowId !== undefined) conditions.push(eq(experiments.flowId, filter.flowId))
    if (filter.statuses) conditions.push(inArray(experiments.status, filter.statuses))
    return this.database.db
      .select()
      .from(experiments)
      .where(and(...conditions))
      .orderBy(desc(experiments.createdAt))
      .all()
      .map(toExperiment)
  }

  /** The experiment that assigns new conversations of a flow, if one is running. */
  async runningFor(flowId: string): Promise<Experiment | null> {
    const row = this.#runningFor.get({ flowId })
    return row ? toExperiment(row) : null
  }

  /** Applies `change` if the status is still one of `from`; returns the experiment or null. */
  async update(
    experimentId: string,
    from: readonly ExperimentStatus[],
    change: ExperimentChange,
  ): Promise<Experiment | null> {
    const result = this.database.db
      .update(experiments)
      .set({ ...change, updatedAt: this.isoNow() })
      .where(and(eq(experiments.id, experimentId), inArray(experiments.status, [...from])))
      .run()
    return result.changes === 1 ? this.get(experimentId) : null
  }

  /**
   * Takes the right to promote `variant` and stops the experiment, in one conditional write:
   * only the first of several promotions at once gets true, so only it publishes a version.
   * `promotedVersion` stays null until `recordPromotedVersion`.
   */
  async claimPromotion(experimentId: string, variant: string): Promise<boolean> {
    const result = this.database.db
      .update(experiments)
      .set({
        promotedVariant: variant,
        status: 'stopped',
        stopReason: sql`coalesce(${experiments.stopReason}, 'promoted')`,
        endedAt: sql`coalesce(${experiments.endedAt}, ${this.isoNow()})`,
        updatedAt: this.isoNow(),
      })
      .where(and(eq(experiments.id, experimentId), isNull(experiments.promotedVariant)))
      .run()
    return result.changes === 1
  }

  async recordPromotedVersion(experimentId: string, version: number): Promise<Experiment> {
    this.database.db
      .update(experiments)
      .set({ promotedVersion: version, updatedAt: this.isoNow() })
      .where(eq(experiments.id, experimentId))
      .run()
    return this.get(experimentId)
  }

  /** Gives a claim back after its publish failed, so that the promotion may be retried. */
  async releasePromotion(experimentId: string): Promise<void> {
    this.database.db
      .update(experiments)
      .set({ promotedVariant: null, updatedAt: this.isoNow() })
      .where(and(eq(experiments.id, experimentId), isNull(experiments.promotedVersion)))
      .run()
  }

  /** Stops every experiment of a deleted flow that has not ended; returns their ids. */
  async stopAllOfFlow(flowId: string): Promise<string[]> {
    return this.stopForDeletion(eq(experiments.flowId, flowId))
  }

  /**
   * The same for every flow that is deleted now: catches a deletion whose hook did not run
   * (a crash between the two writes, or a database from before the hook existed).
   */
  async stopAllOfDeletedFlows(): Promise<string[]> {
    const deleted = this.database.db
      .select({ id: flows.id })
      .from(flows)
      .where(isNotNull(flows.deletedAt))
    return this.stopForDeletion(inArray(experiments.flowId, deleted))
  }

  private stopForDeletion(flowCondition: SQL): string[] {
    const at = this.isoNow()
    return this.database.db
      .update(experiments)
      .set({ status: 'stopped', stopReason: 'flow_deleted', endedAt: at, updatedAt: at })
      .where(and(flowCondition, inArray(experiments.status, ['draft', 'running', 'paused'])))
      .returning({ id: experiments.id })
      .all()
      .map((row) => row.id)
  }

  isoNow(): string {
    return new Date(this.now()).toISOString()
  }
}

const storedSchema = z.object({
  variants: z.array(variantSchema),
  guardrails: z.array(guardrailSchema),
  primaryKpi: primaryKpiSchema,
  stopReason: z.enum(['manual', 'guardrail', 'promoted', 'flow_deleted']).nullable(),
  stopDetail: stopDetailSchema.nullable(),
})

function toExperiment(row: ExperimentRow): Experiment {
  const stored = storedSchema.parse(row)
  return {
    id: row.id,
    flowId: row.flowId,
    name: row.name,
    description: row.description,
    status: row.status,
    variants: stored.variants,
    primaryKpi: stored.primaryKpi,
    guardrails: stored.guardrails,
    alpha: row.alpha,
    power: row.power,
    mde: row.mde,
    baseline: row.baseline,
    minConversations: row.minConversations,
    stopReason: stored.stopReason,
    stopDetail: stored.stopDetail,
    promotedVariant: row.promotedVariant,
    promotedVersion: row.promotedVersion,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
  }
}
