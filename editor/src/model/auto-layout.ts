import { Graph, layout } from '@dagrejs/dagre'
import type { Flow } from '../../../shared/index.ts'

export interface NodeSize {
  width: number
  height: number
}

/** A node card before the browser measured it: about the size of a two-port card. */
const defaultSize: NodeSize = { width: 200, height: 110 }

/**
 * Positions for every node, left to right along the edges (the way a conversation reads), with
 * nodes of one rank stacked in columns. `sizes` are the drawn cards' sizes where known, so tall
 * nodes (many ports) get room. Positions are top-left corners, rounded, as the document keeps
 * them; the layout starts at the start node's current place so the view does not jump.
 */
export function layoutFlow(
  flow: Flow,
  sizes: ReadonlyMap<string, NodeSize> = new Map(),
): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true })
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 0, marginy: 0 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of flow.nodes) graph.setNode(node.id, { ...(sizes.get(node.id) ?? defaultSize) })
  const ids = new Set(flow.nodes.map((n) => n.id))
  for (const edge of flow.edges) {
    // A dangling edge (its node deleted in another tab) must not add a phantom node.
    if (ids.has(edge.source) && ids.has(edge.target))
      graph.setEdge(edge.source, edge.target, {}, edge.id)
  }
  layout(graph)

  const centers = new Map<string, { x: number; y: number }>()
  for (const node of flow.nodes) {
    const placed = graph.node(node.id)
    const size = sizes.get(node.id) ?? defaultSize
    centers.set(node.id, {
      x: (placed.x ?? 0) - size.width / 2,
      y: (placed.y ?? 0) - size.height / 2,
    })
  }
  const anchor = flow.nodes.find((n) => n.type === 'start') ?? flow.nodes[0]
  const anchorPlaced = anchor ? centers.get(anchor.id) : undefined
  const shift =
    anchor && anchorPlaced
      ? { x: anchor.position.x - anchorPlaced.x, y: anchor.position.y - anchorPlaced.y }
      : { x: 0, y: 0 }
  const positions = new Map<string, { x: number; y: number }>()
  for (const [id, corner] of centers) {
    positions.set(id, { x: Math.round(corner.x + shift.x), y: Math.round(corner.y + shift.y) })
  }
  return positions
}
