import type {
  AnyNodeType,
  Flow,
  FlowNode,
  JsonValue,
  NodeRegistry,
  VariableType,
} from '../../shared/index.ts'
import { type CompiledInterrupts, compileInterrupts } from './global-interrupts.ts'

export interface CompiledNode {
  node: FlowNode
  nodeType: AnyNodeType | undefined
  /** The config parsed by the node type (defaults filled); undefined when it failed. */
  config: unknown
  ports: ReadonlySet<string>
  /** Why the node cannot run: unknown type or a config its type rejects. */
  problem: string | undefined
  /** What the node type's prepare made at publish, after its load. */
  prepared: unknown
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
  /** The flow settings' global interrupts; undefined when it has none (the common case). */
  interrupts: CompiledInterrupts | undefined
}

export function edgeKey(nodeId: string, port: string): string {
  return `${nodeId}\u0000${port}`
}

/**
 * Prepares a published version for running. Published versions were validated, but a custom
 * node type may have been removed since: such nodes compile with a `problem` and fail when
 * reached, so the rest of the flow keeps working.
 */
export function compileFlow(
  flow: Flow,
  version: number,
  registry: NodeRegistry,
  prepared: Readonly<Record<string, JsonValue>> = {},
): CompiledFlow {
  const nodes = new Map<string, CompiledNode>()
  for (const node of flow.nodes) nodes.set(node.id, compileNode(node, registry, prepared[node.id]))
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
    interrupts: compileInterrupts(flow, (id) => nodes.get(id)?.node.type === 'handoff'),
  }
}

function compileNode(
  node: FlowNode,
  registry: NodeRegistry,
  stored: JsonValue | undefined,
): CompiledNode {
  const broken = (problem: string): CompiledNode => ({
    node,
    nodeType: registry.get(node.type),
    config: undefined,
    ports: new Set(),
    problem,
    prepared: undefined,
  })
  const nodeType = registry.get(node.type)
  if (!nodeType) return broken(`Node type "${node.type}" is not installed`)
  const parsed = nodeType.config.safeParse(node.data.config)
  if (!parsed.success) {
    return broken(`Config is invalid for node type "${node.type}": ${parsed.error.message}`)
  }
  if (nodeType.prepare && stored === undefined) {
    return broken(`Node type "${node.type}" needs preparing: publish the flow again`)
  }
  let prepared: unknown = stored
  try {
    if (nodeType.load && stored !== undefined) prepared = nodeType.load(stored, parsed.data)
  } catch (error) {
    return broken(`Node type "${node.type}" could not load its prepared data: ${String(error)}`)
  }
  return {
    node,
    nodeType,
    config: parsed.data,
    ports: new Set(nodeType.outputs(parsed.data)),
    problem: undefined,
    prepared,
  }
}
