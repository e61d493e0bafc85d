import type { Edge, Node } from '@xyflow/react'
import type { Flow, FlowNode, NodeRegistry, Problem } from '../../../shared/index.ts'
import { nodePorts } from '../model/node-ports.ts'
import { categoryOf, type NodeTypeInfo, titleOf } from '../model/node-type-info.ts'
import { portKey } from '../preview/trace-path.ts'

export interface NodeCardData extends Record<string, unknown> {
  label: string
  typeTitle: string
  category: string
  ports: string[]
  isUnknownType: boolean
  problemSeverity: 'error' | 'warning' | null
  problemText: string
  isOnPath: boolean
  isWaiting: boolean
}

export type CanvasNode = Node<NodeCardData, 'card'>

export interface CanvasView {
  registry: NodeRegistry
  infos: ReadonlyMap<string, NodeTypeInfo>
  locale: string
  edges: Flow['edges']
  selectedNodeIds: ReadonlySet<string>
  problemsByNode: ReadonlyMap<string, Problem[]>
  pathNodeIds: ReadonlySet<string>
  waitingNodeId: string | null
  measured: ReadonlyMap<string, { width: number; height: number }>
}

interface CachedNode {
  inputs: unknown[]
  node: CanvasNode
}

/**
 * Turns document nodes into React Flow nodes, returning the same object for a node whose
 * inputs did not change, so memoised node cards re-render only when they must (500-node flows).
 */
export function createCanvasNodeMapper() {
  const cache = new Map<string, CachedNode>()
  return (nodes: readonly FlowNode[], view: CanvasView): CanvasNode[] => {
    const seen = new Set<string>()
    const result = nodes.map((node) => {
      seen.add(node.id)
      const outgoing = view.registry.has(node.type) ? null : view.edges
      const inputs = [
        node,
        view.registry,
        view.infos,
        view.locale,
        outgoing,
        view.selectedNodeIds.has(node.id),
        view.problemsByNode.get(node.id),
        view.pathNodeIds.has(node.id),
        view.waitingNodeId === node.id,
        view.measured.get(node.id),
      ]
      const cached = cache.get(node.id)
      if (cached?.inputs.every((value, i) => value === inputs[i])) return cached.node
      const built = toCanvasNode(node, view)
      cache.set(node.id, { inputs, node: built })
      return built
    })
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id)
    return result
  }
}

export function toCanvasNode(node: FlowNode, view: CanvasView): CanvasNode {
  const info = view.infos.get(node.type)
  const nodeType = view.registry.get(node.type)
  const typeTitle = info
    ? titleOf(info, view.locale)
    : nodeType
      ? titleOf({ type: node.type, titles: nodeType.titles }, view.locale)
      : node.type
  const problems = view.problemsByNode.get(node.id) ?? []
  const severity = problems.some((p) => p.severity === 'error')
    ? 'error'
    : problems.length > 0
      ? 'warning'
      : null
  const measured = view.measured.get(node.id)
  return {
    id: node.id,
    type: 'card',
    position: node.position,
    selected: view.selectedNodeIds.has(node.id),
    ...(measured ? { measured } : {}),
    data: {
      label: node.data.label ?? '',
      typeTitle,
      category: info ? categoryOf(info) : (nodeType?.category ?? 'unknown'),
      ports: nodePorts(node, view.registry, view.edges),
      isUnknownType: !nodeType,
      problemSeverity: severity,
      problemText: problems.map((p) => p.message).join('\n'),
      isOnPath: view.pathNodeIds.has(node.id),
      isWaiting: view.waitingNodeId === node.id,
    },
  }
}

/** Document edges as React Flow edges; an unchanged edge keeps its object (see the node mapper). */
export function createCanvasEdgeMapper() {
  const cache = new Map<string, { inputs: unknown[]; edge: Edge }>()
  return (
    edges: Flow['edges'],
    selectedEdgeIds: ReadonlySet<string>,
    pathPortKeys: ReadonlySet<string>,
  ): Edge[] => {
    const seen = new Set<string>()
    const result = edges.map((edge) => {
      seen.add(edge.id)
      const isOnPath = pathPortKeys.has(portKey(edge.source, edge.sourceHandle))
      const inputs = [edge, selectedEdgeIds.has(edge.id), isOnPath]
      const cached = cache.get(edge.id)
      if (cached?.inputs.every((value, i) => value === inputs[i])) return cached.edge
      const built: Edge = {
        id: edge.id,
        source: edge.source,
        sourceHandle: edge.sourceHandle,
        target: edge.target,
        selected: selectedEdgeIds.has(edge.id),
        ...(isOnPath ? { className: 'on-path', animated: true } : {}),
      }
      cache.set(edge.id, { inputs, edge: built })
      return built
    })
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id)
    return result
  }
}

/** Problems by node id; problems of edges count for the edge's source node. */
export function problemsByNode(problems: readonly Problem[], flow: Flow): Map<string, Problem[]> {
  const sourceByEdge = new Map(flow.edges.map((e) => [e.id, e.source]))
  const byNode = new Map<string, Problem[]>()
  for (const problem of problems) {
    const nodeId = problem.nodeId ?? (problem.edgeId ? sourceByEdge.get(problem.edgeId) : undefined)
    if (!nodeId) continue
    const list = byNode.get(nodeId) ?? []
    list.push(problem)
    byNode.set(nodeId, list)
  }
  return byNode
}
