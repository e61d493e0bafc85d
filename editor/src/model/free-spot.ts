import type { Flow } from '../../../shared/index.ts'

/** Room a new card needs around its top-left corner: a card and a gap, at zoom 1. */
const cell = { width: 240, height: 140 }

/**
 * Where a node added "in the middle of the view" (palette click or Enter) should go: the middle
 * itself when it is free, else the nearest free cell around it, the same row to the right first.
 * Dropped on a card, the new node would hide that card's ports (in a new flow: the start node's
 * `next`, the first edge anyone draws).
 */
export function freeSpotNear(flow: Flow, at: { x: number; y: number }): { x: number; y: number } {
  const isFree = (spot: { x: number; y: number }) =>
    flow.nodes.every(
      (node) =>
        Math.abs(node.position.x - spot.x) >= cell.width ||
        Math.abs(node.position.y - spot.y) >= cell.height,
    )
  for (let ring = 0; ring <= 8; ring++) {
    const spots: { dx: number; dy: number }[] = []
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) spots.push({ dx, dy })
      }
    }
    spots.sort((a, b) => Math.abs(a.dy) - Math.abs(b.dy) || b.dx - a.dx)
    for (const { dx, dy } of spots) {
      const spot = { x: at.x + dx * cell.width, y: at.y + dy * cell.height }
      if (isFree(spot)) return spot
    }
  }
  return at
}
