import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import { flowIdSchema } from '../../../shared/index.ts'
import {
  computeKpis,
  kpiGroupBys,
  kpisToCsv,
  kpiTargets,
  queryNodeStats,
  queryUnanswered,
  readTokenPrices,
  tokenPricesSchema,
  unansweredToCsv,
  writeTokenPrices,
} from '../../analytics/index.ts'
import type { Database, FlowStore } from '../../storage/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody } from '../read-body.ts'

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
const versionList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'version numbers, comma-separated')
  .transform((text) => text.split(',').map(Number))
const format = z.enum(['json', 'csv']).default('json')

const rangeQuery = {
  from: isoDay.optional(),
  to: isoDay.optional(),
  versions: versionList.optional(),
}

export const kpiQuerySchema = z.object({
  ...rangeQuery,
  flowId: flowIdSchema.optional(),
  groupBy: z.enum(kpiGroupBys).optional(),
  variant: z.string().max(100).optional(),
  channel: z.string().max(100).optional(),
  locale: z.string().max(35).optional(),
  intent: z.string().max(200).optional(),
  format,
})

export const unansweredQuerySchema = z.object({
  flowId: flowIdSchema.optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  reason: z.enum(['intent_fallback', 'retrieve_not_found']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  format,
})

export const nodeStatsQuerySchema = z.object({
  ...rangeQuery,
  variant: z.string().max(100).optional(),
})

export { tokenPricesSchema }

function withoutUndefined<T extends Record<string, unknown>>(value: T) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}

function csv(c: Context, text: string, name: string) {
  return c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
  })
}

/** Dashboards, the canvas overlay and exports (docs/analytics.md). Read-only but for prices. */
export function analyticsRoutes(options: {
  database: Database
  flows: FlowStore
  /** Rollups are refreshed at most this often by reads (ms); 2 s by default. */
  refreshIntervalMs?: number
}) {
  const { database, flows } = options
  // A dashboard asks several questions at once: one refresh serves them all.
  const refresh = { minIntervalMs: options.refreshIntervalMs ?? 2000 }
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.get('/kpis', async (c) => {
    const { format: as, ...query } = parseOrThrow(kpiQuerySchema, c.req.query())
    if (query.flowId) await flows.get(query.flowId)
    const groups = computeKpis(database, withoutUndefined(query), refresh)
    if (as === 'csv') {
      c.set('audit', { action: 'analytics.export', target: `kpis:${query.flowId ?? 'workspace'}` })
      return csv(c, kpisToCsv(groups, query.groupBy ?? 'group'), 'kpis')
    }
    return c.json({ groups, targets: kpiTargets, currency: readTokenPrices(database).currency })
  })

  app.get('/unanswered', async (c) => {
    const { format: as, ...query } = parseOrThrow(unansweredQuerySchema, c.req.query())
    if (query.flowId) await flows.get(query.flowId)
    const questions = queryUnanswered(database, withoutUndefined(query), refresh)
    if (as === 'csv') {
      c.set('audit', {
        action: 'analytics.export',
        target: `unanswered:${query.flowId ?? 'workspace'}`,
      })
      return csv(c, unansweredToCsv(questions), 'unanswered')
    }
    return c.json({ questions })
  })

  app.get('/flows/:id/nodes', async (c) => {
    const flowId = (await flows.get(c.req.param('id'))).id
    const query = parseOrThrow(nodeStatsQuerySchema, c.req.query())
    return c.json({
      flowId,
      variants: queryNodeStats(database, { flowId, ...withoutUndefined(query) }, refresh),
    })
  })

  app.get('/prices', (c) => c.json(readTokenPrices(database)))

  app.put('/prices', async (c) => {
    const before = readTokenPrices(database)
    const prices = await readJsonBody(c, tokenPricesSchema, 4 * 1024)
    writeTokenPrices(database, prices, new Date().toISOString())
    c.set('audit', { action: 'analytics.prices', target: 'token-prices', before, after: prices })
    return c.json(prices)
  })

  return app
}
