import type { Flow, FlowNode } from '../../../shared/index.ts'

// Pure edits of a flow document. The draft store applies them and keeps undo history; each
// returns a new document and leaves untouched nodes as the same objects, so memoised canvas
// nodes do not re-render.

/** `ask-1`, `ask-2`, …: readable in templates (`nodes["ask-1"].value`) and unique. */
export function nextNodeId(flow: Flow, type: string): string {
  const base = type.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 50) || 'node'
  const taken = new Set(flow.nodes.map((n) => n.id))
  let n = 1
  while (taken.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}

export function addNode(
  flow: Flow,
  options: { type: string; position: { x: number; y: number }; config?: Record<string, unknown> },
): { flow: Flow; nodeId: string } {
  const nodeId = nextNodeId(flow, options.type)
  const node: FlowNode = {
    id: nodeId,
    type: options.type,
    position: { x: Math.round(options.position.x), y: Math.round(options.position.y) },
    data: { config: options.config ?? {} },
  }
  return { flow: { ...flow, nodes: [...flow.nodes, node] }, nodeId }
}

/** Joins a port to a node. A port leads to one node only, so an older edge from it is replaced. */
export function connectPort(
  flow: Flow,
  link: { source: string; port: string; target: string },
): Flow {
  const kept = flow.edges.filter((e) => !(e.source === link.source && e.sourceHandle === link.port))
  const edge = {
    id: `e-${link.source}-${link.port}-${link.target}`,
    source: link.source,
    sourceHandle: link.port,
    target: link.target,
  }
  return { ...flow, edges: [...kept, edge] }
}

export function removeNodes(flow: Flow, nodeIds: ReadonlySet<string>): Flow {
  if (nodeIds.size === 0) return flow
  return {
    ...flow,
    nodes: flow.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: flow.edges.filter((e) => !nodeIds.has(e.source) && !nodeIds.has(e.target)),
  }
}

export function removeEdges(flow: Flow, edgeIds: ReadonlySet<string>): Flow {
  if (edgeIds.size === 0) return flow
  return { ...flow, edges: flow.edges.filter((e) => !edgeIds.has(e.id)) }
}

export function moveNodes(
  flow: Flow,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): Flow {
  if (positions.size === 0) return flow
  return {
    ...flow,
    nodes: flow.nodes.map((node) => {
      const position = positions.get(node.id)
      return position ? { ...node, position } : node
    }),
  }
}

export function updateNode(
  flow: Flow,
  nodeId: string,
  change: { config?: Record<string, unknown>; label?: string },
): Flow {
  return {
    ...flow,
    nodes: flow.nodes.map((node) => {
      if (node.id !== nodeId) return node
      const data = { ...node.data }
      if (change.config !== undefined) data.config = change.config
      if (change.label !== undefined) {
        if (change.label === '') delete data.label
        else data.label = change.label
      }
      return { ...node, data }
    }),
  }
}

/** A new flow with only a start node: the smallest document the engine can run. */
export function emptyFlow(id: string, name: string): Flow {
  return {
    schemaVersion: 1,
    id,
    name,
    description: '',
    locale: 'zh-CN',
    variables: [],
    settings: {
      fallbackReply: '抱歉，我暂时无法处理您的问题，请稍后再试。',
      maxStepsPerTurn: 50,
      idleTimeoutMinutes: 30,
    },
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { config: {} } }],
    edges: [],
  }
}
