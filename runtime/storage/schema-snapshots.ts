import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { JsonValue } from '../../shared/index.ts'

/**
 * Unlisted, frozen copies of a draft that the editor's test chat talks to. A test conversation
 * is pinned to one as `flow_version = -<snapshot id>`, so published versions (always >= 1)
 * and their analytics never see test traffic, and the conversations table needs no new column.
 */
export const flowSnapshots = sqliteTable(
  'flow_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    flowId: text('flow_id').notNull(),
    document: text('document', { mode: 'json' }).notNull(),
    /** What node types' `prepare` made, by node id, exactly as for a published version. */
    prepared: text('prepared', { mode: 'json' })
      .$type<Record<string, JsonValue>>()
      .notNull()
      .default({}),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('flow_snapshots_flow_idx').on(t.flowId, t.id)],
)
