import type { AnyNodeType, Flow, FlowNode, NodeRegistry, VariableType } from '../../shared/index.ts'

export interface CompiledNode {
  node: FlowNode
  nodeType: AnyNodeType | undefined
  /** The config parsed by the node type (defaults filled); undefined when it failed. */
  config: unknown
  ports: ReadonlySet<string>
  /** Why the node cannot run: unknown type or a config its type rejects. */
  problem: string | undefined
}

/** A published flow prepared once for fast turns: lookups by id and by (node, port). */
export interface CompiledFlow {
  flow: Flow
  version: number
  startNodeId: string | undefined
  nodes: ReadonlyMap<string, CompiledNode>
  /** Target node id by `${source}\u0000${port}`. */
  edges: ReadonlyMap<string, string>
  declaredVariables: ReadonlyMap<string, VariableType>
}

export function edgeKey(nodeId: string, port: string): string {
  return `${nodeId}\u0000${port}`
}

/**
 * Prepares a published version for running. Published versions were validated, but a custom
 * node type may have been removed since: such nodes compile with a `problem` and fail when
 * reached, so the rest of the flow keeps working.
 */
export function compileFlow(flow: Flow, version: number, registry: NodeRegistry): CompiledFlow {
  const nodes = new Map<string, CompiledNode>()
  for (const node of flow.nodes) nodes.set(node.id, compileNode(node, registry))
  const edges = new Map<string, string>()
  for (const edge of flow.edges) {
    const key = edgeKey(edge.source, edge.sourceHandle)
    if (!edges.has(key)) edges.set(key, edge.target)
  }
  return {
    flow,
    version,
    startNodeId: flow.nodes.find((n) => n.type === 'start')?.id,
    nodes,
    edges,
    declaredVariables: new Map(flow.variables.map((v) => [v.name, v.type])),
  }
}

function compileNode(node: FlowNode, registry: NodeRegistry): CompiledNode {
  const nodeType = registry.get(node.type)
  if (!nodeType) {
    return {
      node,
      nodeType,
      config: undefined,
      ports: new Set(),
      problem: `Node type "${node.type}" is not installed`,
    }
  }
  const parsed = nodeType.config.safeParse(node.data.config)
  if (!parsed.success) {
    return {
      node,
      nodeType,
      config: undefined,
      ports: new Set(),
      problem: `Config is invalid for node type "${node.type}": ${parsed.error.message}`,
    }
  }
  return {
    node,
    nodeType,
    config: parsed.data,
    ports: new Set(nodeType.outputs(parsed.data)),
    problem: undefined,
  }
}
