import type { FlowEdge, FlowNode, NodeRegistry } from '../../../shared/index.ts'

/**
 * The output ports of a node, from its type's `outputs(config)`. A config being edited is
 * often briefly invalid (a new branch without a condition yet): then the ports come from the
 * config as typed over the type's defaults, so the node's edges do not flicker away. A node
 * whose type is not installed keeps the ports its edges use, so its edges stay visible.
 */
export function nodePorts(
  node: FlowNode,
  registry: NodeRegistry,
  edges: readonly FlowEdge[],
): string[] {
  const nodeType = registry.get(node.type)
  if (!nodeType) {
    return unique(edges.filter((e) => e.source === node.id).map((e) => e.sourceHandle))
  }
  const parsed = nodeType.config.safeParse(node.data.config)
  if (parsed.success) return unique(nodeType.outputs(parsed.data))
  const defaults = nodeType.config.safeParse({})
  const base = defaults.success && isObject(defaults.data) ? defaults.data : {}
  try {
    const ports: unknown = nodeType.outputs({ ...base, ...node.data.config })
    if (Array.isArray(ports)) {
      return unique(ports.filter((p): p is string => typeof p === 'string' && p !== ''))
    }
  } catch {
    // outputs() may rely on the schema's guarantees; fall through to the default ports.
  }
  return defaults.success ? unique(nodeType.outputs(defaults.data)) : []
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function unique(ports: string[]): string[] {
  return [...new Set(ports)]
}
