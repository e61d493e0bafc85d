import { formatList, type Problem, problem } from './validate-flow-problems.ts'

/** One node as the graph checks see it. */
export interface GraphNode {
  /** Position in the document's `nodes`. */
  index: number
  id: string
  /** How messages name the node, e.g. `Node ask1 (Ask)`. */
  subject: string
  /** Undefined when the node type is unknown: the loop checks then cannot judge its loop. */
  canWait: boolean | undefined
  /** Undefined when they cannot be known (unknown node type, invalid config). */
  ports: readonly string[] | undefined
}

/** An edge the engine could follow: both ends exist and its port is not known to be wrong. */
export interface GraphEdge {
  from: number
  to: number
  port: string
}

export interface FlowGraph {
  nodes: readonly GraphNode[]
  edges: readonly GraphEdge[]
  /** Graph indexes of the start nodes. */
  starts: readonly number[]
  maxStepsPerTurn: number | undefined
}

/** `unreachable_node`, `loop_without_wait` and `infinite_loop`. */
export function checkGraph(graph: FlowGraph): Problem[] {
  const successors: number[][] = graph.nodes.map(() => [])
  for (const edge of graph.edges) successors[edge.from]?.push(edge.to)
  return [...checkReachability(graph, successors), ...checkLoops(graph, successors)]
}

function checkReachability(graph: FlowGraph, successors: readonly number[][]): Problem[] {
  // Without a start node everything is unreachable; no_start_node already says so.
  if (graph.starts.length === 0) return []
  const isReached = graph.nodes.map(() => false)
  const queue = [...graph.starts]
  for (const start of graph.starts) isReached[start] = true
  for (let head = 0; head < queue.length; head++) {
    for (const next of successors[queue[head] ?? -1] ?? []) {
      if (!isReached[next]) {
        isReached[next] = true
        queue.push(next)
      }
    }
  }
  return graph.nodes
    .filter((_, index) => !isReached[index])
    .map((node) =>
      problem(
        'unreachable_node',
        `${node.subject} can never be reached from the start node, so it never runs. Connect an edge to it or delete it`,
        ['nodes', node.index],
        {},
        { nodeId: node.id },
      ),
    )
}

/**
 * A turn runs until a node waits or takes a port with no edge, so a loop of nodes that never
 * wait runs until maxStepsPerTurn cuts it. If nothing can leave the loop either, every turn
 * that enters it fails.
 */
function checkLoops(graph: FlowGraph, successors: readonly number[][]): Problem[] {
  const problems: Problem[] = []
  const component = stronglyConnectedComponents(successors)
  const connectedPorts = graph.nodes.map(() => new Set<string>())
  for (const edge of graph.edges) connectedPorts[edge.from]?.add(edge.port)

  for (const members of groupComponents(component)) {
    const [first] = members
    if (first === undefined) continue
    const isLoop = members.length > 1 || (successors[first]?.includes(first) ?? false)
    if (!isLoop) continue
    const nodes = members.flatMap((index) => graph.nodes[index] ?? [])
    if (nodes.some((node) => node.canWait !== false)) continue
    const leavesLoop = members.some((index) =>
      (successors[index] ?? []).some((next) => component[next] !== component[index]),
    )
    // A port without an edge ends the turn normally; an unconnected `error` port only ends it
    // when something fails, which is no way out.
    const hasOpenPort = nodes.some(
      (node, position) =>
        node.ports === undefined ||
        node.ports.some(
          (port) => port !== 'error' && !connectedPorts[members[position] ?? -1]?.has(port),
        ),
    )
    const firstNode = nodes[0]
    if (firstNode === undefined) continue
    const names =
      nodes.length === 1 ? firstNode.subject : `Nodes ${formatList(nodes.map((node) => node.id))}`
    const steps =
      graph.maxStepsPerTurn === undefined
        ? 'maxStepsPerTurn'
        : `${graph.maxStepsPerTurn} steps (maxStepsPerTurn)`
    const at = { nodeId: firstNode.id }
    const path = ['nodes', firstNode.index]
    const params = {
      loop: nodes.map((node) => node.id),
      ...(graph.maxStepsPerTurn === undefined ? {} : { maxSteps: graph.maxStepsPerTurn }),
    }
    if (leavesLoop || hasOpenPort) {
      problems.push(
        problem(
          'loop_without_wait',
          `${names} ${nodes.length === 1 ? 'leads back to itself' : 'form a loop'} and no node in it waits for the customer. A turn that keeps going around it is stopped after ${steps} with the fallback reply`,
          path,
          params,
          at,
        ),
      )
    } else {
      problems.push(
        problem(
          'infinite_loop',
          `${names} ${nodes.length === 1 ? 'leads back to itself' : 'form a loop'} with no way out: no node in it waits for the customer and every port leads back into it, so every turn that enters it ends with the fallback reply after ${steps}. Add a node that waits for the customer or an edge that leaves the loop`,
          path,
          params,
          at,
        ),
      )
    }
  }
  return problems
}

/** Members of each component, each list in document order, components by their first member. */
function groupComponents(component: readonly number[]): number[][] {
  const membersByComponent = new Map<number, number[]>()
  component.forEach((id, index) => {
    const members = membersByComponent.get(id)
    if (members) members.push(index)
    else membersByComponent.set(id, [index])
  })
  return [...membersByComponent.values()]
}

/**
 * Tarjan's algorithm without recursion (a 5,000-node chain would overflow the call stack).
 * Returns, for each node, the id of its strongly connected component.
 */
export function stronglyConnectedComponents(successors: readonly (readonly number[])[]): number[] {
  const count = successors.length
  const order: number[] = new Array(count).fill(-1)
  const lowLink: number[] = new Array(count).fill(0)
  const component: number[] = new Array(count).fill(-1)
  const nextEdge: number[] = new Array(count).fill(0)
  const isOnStack: boolean[] = new Array(count).fill(false)
  const stack: number[] = []
  const callStack: number[] = []
  let nextOrder = 0
  let nextComponent = 0

  const visit = (node: number) => {
    order[node] = nextOrder
    lowLink[node] = nextOrder
    nextOrder++
    stack.push(node)
    isOnStack[node] = true
    callStack.push(node)
  }

  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue
    visit(root)
    while (callStack.length > 0) {
      const node = callStack[callStack.length - 1] ?? -1
      const targets = successors[node] ?? []
      const edge = nextEdge[node] ?? 0
      if (edge < targets.length) {
        nextEdge[node] = edge + 1
        const next = targets[edge] ?? -1
        if (order[next] === -1) visit(next)
        else if (isOnStack[next]) lowLink[node] = Math.min(lowLink[node] ?? 0, order[next] ?? 0)
        continue
      }
      callStack.pop()
      const parent = callStack[callStack.length - 1]
      if (parent !== undefined) lowLink[parent] = Math.min(lowLink[parent] ?? 0, lowLink[node] ?? 0)
      if (lowLink[node] !== order[node]) continue
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        isOnStack[member] = false
        component[member] = nextComponent
        if (member === node) break
      }
      nextComponent++
    }
  }
  return component
}
