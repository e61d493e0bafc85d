import type { NodeStats, VariantNodeStats } from '../../../shared/index.ts'

// What the canvas overlay shows per node, computed from the API's per-variant node stats.
// With two variants side by side, a figure differs when the shares differ by at least
// `differenceThreshold` (5 points): counts alone would differ whenever traffic is split unevenly.

export const differenceThreshold = 0.05

export interface NodeFigures {
  entries: number
  /** Entries per conversation of the variant (the start node's entries). */
  reach: number | null
  dropOffs: number
  dropOffRate: number | null
  errors: number
  errorRate: number | null
  durationP95Us: number | null
  /** Port → exits, and its share of all the node's exits. */
  exits: { port: string; count: number; share: number | null }[]
}

export interface OverlayNode {
  /** One column per shown variant, in order; undefined where a variant never reached it. */
  columns: (NodeFigures | undefined)[]
  /** Figures (`reach`, `dropOffRate`, `errorRate`, `exit:<port>`) that differ between two. */
  differences: Set<string>
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

export function nodeFigures(node: NodeStats, conversations: number): NodeFigures {
  const totalExits = Object.values(node.exits).reduce((sum, count) => sum + count, 0)
  return {
    entries: node.entries,
    reach: ratio(node.entries, conversations),
    dropOffs: node.dropOffs,
    dropOffRate: ratio(node.dropOffs, node.entries),
    errors: node.errors,
    errorRate: ratio(node.errors, node.steps),
    durationP95Us: node.durationP95Us,
    exits: Object.entries(node.exits)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([port, count]) => ({ port, count, share: ratio(count, totalExits) })),
  }
}

function differs(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false
  return Math.abs(a - b) >= differenceThreshold
}

/**
 * The overlay per node id for the shown variants (one, or two side by side). Conversations
 * of a variant are its start node's entries.
 */
export function buildOverlay(
  stats: readonly VariantNodeStats[],
  shownVariants: readonly string[],
): Map<string, OverlayNode> {
  const byVariant = new Map(stats.map((v) => [v.variant, v.nodes]))
  const columns = shownVariants.map((variant) => {
    const nodes = byVariant.get(variant) ?? []
    const start =
      nodes.find((n) => n.nodeId === 'start') ??
      nodes.reduce<NodeStats | undefined>(
        (most, n) => (!most || n.entries > most.entries ? n : most),
        undefined,
      )
    const conversations = start?.entries ?? 0
    return new Map(nodes.map((n) => [n.nodeId, nodeFigures(n, conversations)]))
  })
  const nodeIds = new Set(columns.flatMap((column) => [...column.keys()]))
  const overlay = new Map<string, OverlayNode>()
  for (const nodeId of nodeIds) {
    const figures = columns.map((column) => column.get(nodeId))
    const differences = new Set<string>()
    const [a, b] = figures
    if (figures.length === 2) {
      for (const key of ['reach', 'dropOffRate', 'errorRate'] as const) {
        if (differs(a?.[key], b?.[key])) differences.add(key)
      }
      const ports = new Set([...(a?.exits ?? []), ...(b?.exits ?? [])].map((e) => e.port))
      for (const port of ports) {
        const share = (f: NodeFigures | undefined) =>
          f?.exits.find((e) => e.port === port)?.share ?? 0
        if (a && b && differs(share(a), share(b))) differences.add(`exit:${port}`)
      }
    }
    overlay.set(nodeId, { columns: figures, differences })
  }
  return overlay
}

/** All variants' stats summed, for the overlay without an experiment. */
export function mergeVariants(stats: readonly VariantNodeStats[]): VariantNodeStats {
  const nodes = new Map<string, NodeStats>()
  for (const variant of stats) {
    for (const n of variant.nodes) {
      const seen = nodes.get(n.nodeId)
      if (!seen) {
        nodes.set(n.nodeId, { ...n, exits: { ...n.exits } })
        continue
      }
      seen.entries += n.entries
      seen.errors += n.errors
      seen.dropOffs += n.dropOffs
      // p95 of a merge is not the max of p95s, but the larger is the honest upper bound.
      seen.durationP95Us = Math.max(seen.durationP95Us ?? 0, n.durationP95Us ?? 0)
      seen.durationMeanUs =
        seen.steps + n.steps > 0
          ? ((seen.durationMeanUs ?? 0) * seen.steps + (n.durationMeanUs ?? 0) * n.steps) /
            (seen.steps + n.steps)
          : null
      seen.steps += n.steps
      for (const [port, count] of Object.entries(n.exits))
        seen.exits[port] = (seen.exits[port] ?? 0) + count
    }
  }
  return { variant: '', nodes: [...nodes.values()] }
}
