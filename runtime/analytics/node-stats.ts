import type { Database } from '../storage/index.ts'
import { type Histogram, histogramQuantile, mergeHistogram } from './histogram.ts'
import type { KpiQuery, NodeStats, VariantNodeStats } from './kpi-definitions.ts'
import { rollupWhere } from './kpi-rollups.ts'
import { type RefreshOptions, refreshRollups } from './refresh-rollups.ts'
import type { NodeCounts } from './rollup-day.ts'

export type NodeStatsQuery = Pick<KpiQuery, 'from' | 'to' | 'versions' | 'variant'> & {
  flowId: string
}

interface NodeRow {
  variant: string
  nodeId: string
  entries: number
  exits: string
  errors: number
  dropOffs: number
  steps: number
  durationSumUs: number
  durationHistogram: string
}

/** Per-node stats of a flow, one list per variant (a single '' list outside experiments). */
export function queryNodeStats(
  database: Database,
  query: NodeStatsQuery,
  refresh: RefreshOptions = {},
): VariantNodeStats[] {
  refreshRollups(database, refresh)
  const { where, params } = rollupWhere(query)
  const rows = database.sqlite
    .prepare(`SELECT variant, node_id AS nodeId, entries, exits, errors, drop_offs AS dropOffs,
      steps, duration_sum_us AS durationSumUs, duration_histogram AS durationHistogram
      FROM analytics_node_daily ${where}`)
    .all(params) as NodeRow[]
  const variants = new Map<string, Map<string, NodeCounts>>()
  for (const row of rows) {
    const nodes = variants.get(row.variant) ?? new Map<string, NodeCounts>()
    variants.set(row.variant, nodes)
    const node = nodes.get(row.nodeId) ?? {
      ...{ nodeId: row.nodeId, entries: 0, exits: {}, errors: 0, dropOffs: 0, steps: 0 },
      ...{ durationSumUs: 0, durationHistogram: {} },
    }
    nodes.set(row.nodeId, node)
    node.entries += row.entries
    node.errors += row.errors
    node.dropOffs += row.dropOffs
    node.steps += row.steps
    node.durationSumUs += row.durationSumUs
    mergeHistogram(node.exits, JSON.parse(row.exits) as Record<string, number>)
    mergeHistogram(node.durationHistogram, JSON.parse(row.durationHistogram) as Histogram)
  }
  return [...variants.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([variant, nodes]) => ({
      variant,
      nodes: [...nodes.values()].map(toNodeStats),
    }))
}

function toNodeStats(node: NodeCounts): NodeStats {
  return {
    nodeId: node.nodeId,
    entries: node.entries,
    exits: node.exits,
    errors: node.errors,
    dropOffs: node.dropOffs,
    steps: node.steps,
    durationMeanUs: node.steps > 0 ? Math.round(node.durationSumUs / node.steps) : null,
    durationP95Us: histogramQuantile(node.durationHistogram, 0.95),
  }
}
