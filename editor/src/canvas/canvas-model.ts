import type { Edge, Node } from '@xyflow/react'
import type { Flow, FlowNode, NodeRegistry, Problem } from '../../../shared/index.ts'
import { nodePorts } from '../model/node-ports.ts'
import { categoryOf, type NodeTypeInfo, titleOf } from '../model/node-type-info.ts'
import { problemText } from '../model/problem-text.ts'
import { portKey } from '../preview/trace-path.ts'

/**
 * What a card shows besides its label: the card reads the label from the draft itself, so
 * typing a label (or any config change that keeps the ports) leaves React Flow's nodes as they
 * were and only that one card re-renders.
 */
export interface NodeCardData extends Record<string, unknown> {
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

/** What the canvas hands React Flow. */
export interface CanvasElements {
  nodes: CanvasNode[]
  edges: Edge[]
}

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
 * The inputs are what a card draws (type, config for its ports, position, …), not the node
 * object: a label edit keeps every canvas node, and then the very same array is returned, so
 * React Flow does no work at all for it.
 */
export function createCanvasNodeMapper() {
  const cache = new Map<string, CachedNode>()
  let previous: CanvasNode[] = []
  // Ports by config object: a config that was not edited keeps its object, so only the edited
  // node's type parses its config again. Per registry: another registry may give other ports.
  let portsByConfig = new WeakMap<object, string[]>()
  let portsRegistry: NodeRegistry | null = null
  const portsOf = (node: FlowNode, view: CanvasView): string[] => {
    if (!view.registry.has(node.type)) return nodePorts(node, view.registry, view.edges)
    if (portsRegistry !== view.registry) {
      portsByConfig = new WeakMap()
      portsRegistry = view.registry
    }
    let ports = portsByConfig.get(node.data.config)
    if (!ports) {
      ports = nodePorts(node, view.registry, view.edges)
      portsByConfig.set(node.data.config, ports)
    }
    return ports
  }
  return (nodes: readonly FlowNode[], view: CanvasView): CanvasNode[] => {
    const seen = new Set<string>()
    const result = nodes.map((node) => {
      seen.add(node.id)
      const ports = portsOf(node, view)
      const inputs = [
        node.type,
        ports.join('\n'),
        node.position,
        node.width,
        node.height,
        view.registry,
        view.infos,
        view.locale,
        view.selectedNodeIds.has(node.id),
        view.problemsByNode.get(node.id),
        view.pathNodeIds.has(node.id),
        view.waitingNodeId === node.id,
        view.measured.get(node.id),
      ]
      const cached = cache.get(node.id)
      if (cached?.inputs.every((value, i) => value === inputs[i])) return cached.node
      const built = toCanvasNode(node, view, ports)
      cache.set(node.id, { inputs, node: built })
      return built
    })
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id)
    if (result.length === previous.length && result.every((node, i) => node === previous[i])) {
      return previous
    }
    previous = result
    return result
  }
}

export function toCanvasNode(
  node: FlowNode,
  view: CanvasView,
  ports = nodePorts(node, view.registry, view.edges),
): CanvasNode {
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
      typeTitle,
      category: info ? categoryOf(info) : (nodeType?.category ?? 'unknown'),
      ports,
      isUnknownType: !nodeType,
      problemSeverity: severity,
      problemText: problems.map((p) => problemText(p, view.locale)).join('\n'),
      isOnPath: view.pathNodeIds.has(node.id),
      isWaiting: view.waitingNodeId === node.id,
    },
  }
}

/** Document edges as React Flow edges; an unchanged edge keeps its object (see the node mapper). */
export function createCanvasEdgeMapper() {
  const cache = new Map<string, { inputs: unknown[]; edge: Edge }>()
  let previous: Edge[] = []
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
    // The same array when nothing changed: React Flow rebuilds its connection lookup (O(edges))
    // whenever it gets a new edges array.
    if (result.length === previous.length && result.every((edge, i) => edge === previous[i])) {
      return previous
    }
    previous = result
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
