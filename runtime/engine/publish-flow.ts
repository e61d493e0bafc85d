import {
  AppError,
  type Flow,
  FlowInvalidError,
  type JsonValue,
  type NodeRegistry,
  type Problem,
  validateFlow,
} from '../../shared/index.ts'
import type { FlowStore, FlowVersionSummary } from '../storage/index.ts'

/**
 * Validates a flow that is about to run (published or tried out in the editor): its configs
 * parsed with defaults, or flow_invalid listing every error. Warnings come back with it.
 */
export function requireValidFlow(
  input: unknown,
  registry: NodeRegistry,
  flowId: string,
): { flow: Flow; problems: Problem[] } {
  const result = validateFlow(input, registry)
  const errors = result.problems.filter((p) => p.severity === 'error')
  if (!result.flow || errors.length > 0) throw new FlowInvalidError(flowId, errors)
  return { flow: result.flow, problems: result.problems }
}

/**
 * Runs each node type's `prepare` (e.g. training a classifier) on a flow that requireValidFlow
 * accepted. A node whose prepare throws becomes a `prepare_failed` problem instead of failing
 * later, per turn.
 */
export async function prepareFlow(
  flow: Flow,
  registry: NodeRegistry,
): Promise<{ prepared: Record<string, JsonValue>; problems: Problem[] }> {
  const prepared: Record<string, JsonValue> = {}
  const problems: Problem[] = []
  for (const [index, node] of flow.nodes.entries()) {
    const nodeType = registry.get(node.type)
    if (!nodeType?.prepare) continue
    try {
      prepared[node.id] = await nodeType.prepare(node.data.config)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      problems.push({
        severity: 'error',
        code: 'prepare_failed',
        message: `Node ${node.id} could not be prepared: ${reason}`,
        nodeId: node.id,
        path: ['nodes', index, 'data', 'config'],
        // An AppError's code lets a client word the cause; its message stays the server's.
        params: error instanceof AppError ? { reason, errorCode: error.code } : { reason },
      })
    }
  }
  return { prepared, problems }
}

/**
 * Publishes a flow document: validates it, prepares its nodes and freezes both as the next
 * version. Refuses with every error problem (flow_invalid) and stores nothing then.
 */
export async function publishFlow(options: {
  flows: FlowStore
  registry: NodeRegistry
  flowId: string
  input: unknown
  note: string
  /**
   * The compliance publish gate (runtime/compliance): problems for static texts the flow's
   * policy would block. Its errors refuse the publish like any other.
   */
  checkCompliance?: (flow: Flow) => Promise<Problem[]>
}): Promise<FlowVersionSummary & { problems: Problem[] }> {
  const { flows, registry, flowId } = options
  const { flow, problems: found } = requireValidFlow(options.input, registry, flowId)
  const { prepared, problems } = await prepareFlow(flow, registry)
  const gateProblems = options.checkCompliance ? await options.checkCompliance(flow) : []
  const refusing = [...problems, ...gateProblems.filter((p) => p.severity === 'error')]
  if (refusing.length > 0) throw new FlowInvalidError(flowId, refusing)
  const published = await flows.publish(flow, options.note, prepared)
  return { ...published, problems: found }
}
