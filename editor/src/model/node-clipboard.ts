import { z } from 'zod'
import { type Flow, type FlowNode, flowEdgeSchema, flowNodeSchema } from '../../../shared/index.ts'
import { nextNodeId } from './draft-edits.ts'

// What Ctrl/⌘+C keeps: the selected nodes and the edges among them, detached from their flow so
// they can be pasted into any flow (also one opened in another tab: the clipboard is stored).

export const nodeClipboardSchema = z.object({
  kind: z.literal('switchboard/nodes'),
  /** The flow the nodes were copied from: pasting there again places them beside the originals. */
  flowId: z.string(),
  nodes: z.array(flowNodeSchema).max(5000),
  edges: z.array(flowEdgeSchema).max(20_000),
})
export type NodeClipboard = z.infer<typeof nodeClipboardSchema>

/**
 * The selected nodes and the edges between them. The start node is left out: a flow has exactly
 * one entry, so a copy of it could never be pasted.
 */
export function copyNodes(flow: Flow, nodeIds: ReadonlySet<string>): NodeClipboard | null {
  const nodes = flow.nodes.filter((n) => nodeIds.has(n.id) && n.type !== 'start')
  if (nodes.length === 0) return null
  const kept = new Set(nodes.map((n) => n.id))
  const edges = flow.edges.filter((e) => kept.has(e.source) && kept.has(e.target))
  return { kind: 'switchboard/nodes', flowId: flow.id, nodes: structuredClone(nodes), edges }
}

/** The top-left corner of the nodes' positions. */
export function topLeftOf(nodes: readonly Pick<FlowNode, 'position'>[]): { x: number; y: number } {
  return {
    x: Math.min(...nodes.map((n) => n.position.x)),
    y: Math.min(...nodes.map((n) => n.position.y)),
  }
}

/**
 * Adds the clipboard's nodes with new ids (`ask-3`, …) so that their top-left corner lands at
 * `at`, keeping their layout, and re-joins the copied edges to the new ids. Returns the new ids.
 */
export function pasteNodes(
  flow: Flow,
  clipboard: NodeClipboard,
  at: { x: number; y: number },
): { flow: Flow; nodeIds: string[] } {
  if (clipboard.nodes.length === 0) return { flow, nodeIds: [] }
  const corner = topLeftOf(clipboard.nodes)
  const idMap = new Map<string, string>()
  const copies: FlowNode[] = []
  let draft = flow
  for (const node of clipboard.nodes) {
    if (node.type === 'start') continue
    const id = nextNodeId(draft, node.type)
    idMap.set(node.id, id)
    const copy: FlowNode = {
      ...node,
      id,
      position: {
        x: Math.round(at.x + node.position.x - corner.x),
        y: Math.round(at.y + node.position.y - corner.y),
      },
      data: structuredClone(node.data),
    }
    copies.push(copy)
    draft = { ...draft, nodes: [...draft.nodes, copy] }
  }
  const edges = clipboard.edges.flatMap((edge) => {
    const source = idMap.get(edge.source)
    const target = idMap.get(edge.target)
    if (!source || !target) return []
    return [{ ...edge, id: `e-${source}-${edge.sourceHandle}-${target}`, source, target }]
  })
  return {
    flow: { ...flow, nodes: [...flow.nodes, ...copies], edges: [...flow.edges, ...edges] },
    nodeIds: copies.map((c) => c.id),
  }
}

/** A clipboard read back from storage or the system clipboard; anything else is null. */
export function readNodeClipboard(text: string | null): NodeClipboard | null {
  if (!text) return null
  try {
    const parsed = nodeClipboardSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * Copies nodes (config and label) beside the originals, with the edges among them; edges to
 * nodes outside the copy are not copied, since each port leads to one node. Returns the new ids.
 */
export function duplicateNodes(
  flow: Flow,
  nodeIds: ReadonlySet<string>,
  offset = { x: 40, y: 40 },
): { flow: Flow; nodeIds: string[] } {
  const clipboard = copyNodes(flow, nodeIds)
  if (!clipboard) return { flow, nodeIds: [] }
  const corner = topLeftOf(clipboard.nodes)
  return pasteNodes(flow, clipboard, { x: corner.x + offset.x, y: corner.y + offset.y })
}
