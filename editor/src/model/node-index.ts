import type { FlowNode } from '../../../shared/index.ts'

// One index per nodes array: every canvas card looks its node up on every edit, and 500 cards
// each scanning 500 nodes would cost more than the edit. An edit makes a new array, so a
// cached index can never be stale; the WeakMap lets old arrays go.
const indexes = new WeakMap<readonly FlowNode[], Map<string, FlowNode>>()

/** The node with `nodeId`, in O(1) after the first look-up in this nodes array. */
export function findNode(nodes: readonly FlowNode[], nodeId: string): FlowNode | undefined {
  let index = indexes.get(nodes)
  if (!index) {
    index = new Map(nodes.map((n) => [n.id, n]))
    indexes.set(nodes, index)
  }
  return index.get(nodeId)
}
