/**
 * Checks a flow document before it is saved or published, and reports every problem at once,
 * each with a JSON path into the document (and the node or edge id where one applies), so the
 * editor can mark it on the canvas and the API can return it with 422.
 *
 * Problem codes (stable API; `error` blocks publishing, `warning` does not):
 * - `schema` (error): the document shape is wrong (a zod issue of flowSchema, at its path).
 *   The nodes and edges that are well-formed on their own are still checked.
 * - `unknown_node_type` (error): no installed node type has the node's `type`.
 * - `config_invalid` (error): the node's `data.config` fails its node type's schema; one
 *   problem per issue, at the field inside `data.config`.
 * - `duplicate_node_id` (error): a second node with an id already used.
 * - `duplicate_edge_id` (error): a second edge with an id already used.
 * - `no_start_node` (error): no node of type `start`.
 * - `multiple_start_nodes` (error): more than one `start` node; reported on each of them.
 * - `edge_unknown_source` (error): the edge leaves a node that does not exist.
 * - `edge_unknown_target` (error): the edge leads to a node that does not exist.
 * - `edge_unknown_port` (error): the edge's `sourceHandle` is not one of the source node's
 *   ports (`outputs(config)`).
 * - `duplicate_port_edge` (error): another edge already leaves the same port of the same node;
 *   the engine follows only one edge per port.
 * - `unreachable_node` (warning): no path of edges leads to the node from the start node.
 * - `undeclared_variable` (warning): a template or expression reads `vars.x` where the flow
 *   declares no variable `x`, or `nodes.x` where there is no node `x`.
 * - `unknown_variable_root` (warning): a reference starts with something other than `input`,
 *   `vars`, `user`, `nodes` or `sys`.
 * - `expression_invalid` (error): a template (any config string containing `{{`) or an
 *   expression (a field with `.meta({ ui: 'expression' })`) does not parse; the message gives
 *   the position.
 * - `loop_without_wait` (warning): a loop (a strongly connected group of nodes, or a node
 *   leading to itself) in which no node can wait for the customer; maxStepsPerTurn would cut it.
 * - `infinite_loop` (error): such a loop that also has no way out: no edge leaves it and every
 *   port other than `error` leads back into it, so no turn that enters it can finish normally.
 *
 * - `interrupt_target_unknown` (error): a global interrupt (`settings.interrupts`) jumps to a
 *   node that does not exist. Interrupt targets count as reachable.
 *
 * Reserved: `node_type_outdated` will warn about configs saved by an older node type version
 * once the document records node versions; schemaVersion 1 does not, so it is never reported.
 */
import type { Flow, FlowNode } from './flow-schema.ts'
import type { AnyNodeType, NodeRegistry } from './node-api.ts'
import { isRecord, type NodeEntry, readFlowDocument } from './validate-flow-document.ts'
import { checkEdges, type FollowableEdge } from './validate-flow-edges.ts'
import {
  checkGraph,
  type FlowGraph,
  type GraphEdge,
  type GraphNode,
} from './validate-flow-graph.ts'
import {
  formatList,
  formatPath,
  friendlyIssues,
  type Problem,
  problem,
  toProblemPath,
  zodIssueParams,
} from './validate-flow-problems.ts'
import { checkNodeReferences } from './validate-flow-references.ts'

export {
  friendlyIssues,
  type Problem,
  type ProblemCode,
  type ProblemParams,
  problemCodes,
  problemParamsSchema,
  problemSchema,
  zodIssueParams,
} from './validate-flow-problems.ts'

export interface ValidationResult {
  /**
   * The flow parsed with defaults, each node's config parsed by its node type (defaults filled)
   * where that config is valid; null when the document shape is invalid.
   */
  flow: Flow | null
  problems: Problem[]
  /** No error-severity problems: the flow may be published. */
  isValid: boolean
}

/** A node after its own checks. */
interface CheckedNode extends NodeEntry {
  nodeType: AnyNodeType | undefined
  /** Parsed by the node type; undefined when the type is unknown or the config is invalid. */
  config: Record<string, unknown> | undefined
  ports: string[] | undefined
  subject: string
}

/**
 * Validates a flow document against its schema and the installed node types.
 * @example
 * const { isValid, problems } = validateFlow(await request.json(), registry)
 * if (!isValid) throw new FlowInvalidError(flowId, problems)
 */
export function validateFlow(input: unknown, registry: NodeRegistry): ValidationResult {
  const { flow, document, problems } = readFlowDocument(input)

  const nodes = document.nodes.map((entry) => checkNode(entry, registry, problems))
  const nodeById = new Map<string, CheckedNode>()
  for (const node of nodes) {
    if (node.id === undefined) continue
    const first = nodeById.get(node.id)
    if (first === undefined) nodeById.set(node.id, node)
    else {
      problems.push(
        problem(
          'duplicate_node_id',
          `${node.subject} has the same id as another node; every node needs its own id`,
          ['nodes', node.index, 'id'],
          {},
          { nodeId: node.id },
        ),
      )
    }
  }
  if (document.hasNodeList) checkStartNodes(nodes, problems)

  const scope = { variableNames: document.variableNames, nodeIds: new Set(nodeById.keys()) }
  for (const node of nodes) {
    if (node.node === undefined) continue
    const config = node.config ?? node.node.data.config
    const target = { path: ['nodes', node.index], nodeId: node.id, subject: node.subject }
    problems.push(...checkNodeReferences({ ...target, config, nodeType: node.nodeType }, scope))
  }

  const edges = checkEdges(document.edges, nodeById, problems)
  const interruptTargets = (flow?.settings.interrupts ?? []).map((interrupt, index) => {
    if (!nodeById.has(interrupt.target)) {
      problems.push(
        problem(
          'interrupt_target_unknown',
          `Global interrupt ${index + 1} (${interrupt.kind}) jumps to node ${interrupt.target}, which does not exist`,
          ['settings', 'interrupts', index, 'target'],
          { interrupt: index + 1, kind: interrupt.kind, target: interrupt.target },
        ),
      )
    }
    return interrupt.target
  })
  // A node or edge with a broken shape could change any path: judge the graph only when whole.
  if (document.isComplete) {
    const graph = buildGraph(nodeById, edges, document.maxStepsPerTurn, interruptTargets)
    problems.push(...checkGraph(graph))
  }

  return {
    flow: flow && withParsedConfigs(flow, nodes),
    problems,
    isValid: problems.every((item) => item.severity !== 'error'),
  }
}

function checkNode(entry: NodeEntry, registry: NodeRegistry, problems: Problem[]): CheckedNode {
  const nodeType = entry.type === undefined ? undefined : registry.get(entry.type)
  const title = nodeType?.titles.en ?? entry.type
  const subject = `Node ${entry.id ?? `#${entry.index + 1}`}${title === undefined ? '' : ` (${title})`}`
  const checked: CheckedNode = { ...entry, nodeType, config: undefined, ports: undefined, subject }
  const { node } = entry
  if (node === undefined) return checked
  const at = { nodeId: node.id }
  if (nodeType === undefined) {
    problems.push(
      problem(
        'unknown_node_type',
        `${subject} has type "${node.type}", which is not installed here. Install that node type or replace the node`,
        ['nodes', entry.index, 'type'],
        { type: node.type },
        at,
      ),
    )
    return checked
  }
  const parsed = nodeType.config.safeParse(node.data.config, friendlyIssues)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = toProblemPath(issue.path)
      const field = path.length === 0 ? '' : `, field "${formatPath(path)}"`
      problems.push(
        problem(
          'config_invalid',
          `${subject}${field}: ${issue.message}`,
          ['nodes', entry.index, 'data', 'config', ...path],
          zodIssueParams(issue),
          at,
        ),
      )
    }
    return checked
  }
  const config: unknown = parsed.data
  if (!isRecord(config)) return checked
  return { ...checked, config, ports: nodeType.outputs(config) }
}

function checkStartNodes(nodes: readonly CheckedNode[], problems: Problem[]) {
  // Malformed nodes count too: a broken start node is still the start node.
  const starts = nodes.filter((node) => node.type === 'start')
  if (starts.length === 0) {
    problems.push(
      problem(
        'no_start_node',
        'The flow has no start node; add one where conversations begin',
        ['nodes'],
        {},
      ),
    )
  }
  if (starts.length < 2) return
  for (const start of starts) {
    const others = starts.filter((other) => other !== start).map((other) => other.id ?? '?')
    problems.push(
      problem(
        'multiple_start_nodes',
        `${start.subject} is one of ${starts.length} start nodes (also ${formatList(others)}); a flow has exactly one`,
        ['nodes', start.index, 'type'],
        { count: starts.length, others },
        { nodeId: start.id },
      ),
    )
  }
}

function buildGraph(
  nodeById: ReadonlyMap<string, CheckedNode>,
  edges: readonly FollowableEdge[],
  maxStepsPerTurn: number | undefined,
  interruptTargets: readonly string[],
): FlowGraph {
  const graphIndexById = new Map<string, number>()
  const nodes: GraphNode[] = []
  const starts: number[] = []
  for (const [id, node] of nodeById) {
    graphIndexById.set(id, nodes.length)
    if (node.type === 'start') starts.push(nodes.length)
    nodes.push({
      index: node.index,
      id,
      subject: node.subject,
      canWait: node.nodeType ? (node.nodeType.canWait ?? false) : undefined,
      ports: node.ports,
    })
  }
  // An interrupt can enter the flow at its target from anywhere: it is reachable. (Without a
  // start node nothing is; no_start_node says so.)
  for (const target of starts.length > 0 ? interruptTargets : []) {
    const index = graphIndexById.get(target)
    if (index !== undefined && !starts.includes(index)) starts.push(index)
  }
  const graphEdges = edges.flatMap((edge): GraphEdge[] => {
    const from = graphIndexById.get(edge.source)
    const to = graphIndexById.get(edge.target)
    return from === undefined || to === undefined ? [] : [{ from, to, port: edge.port }]
  })
  return { nodes, edges: graphEdges, starts, maxStepsPerTurn }
}

function withParsedConfigs(flow: Flow, nodes: readonly CheckedNode[]): Flow {
  return {
    ...flow,
    nodes: flow.nodes.map((node, index): FlowNode => {
      const config = nodes[index]?.config
      return config === undefined ? node : { ...node, data: { ...node.data, config } }
    }),
  }
}
