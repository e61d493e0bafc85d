import type { EdgeEntry } from './validate-flow-document.ts'
import { type Problem, problem } from './validate-flow-problems.ts'

/** What the edge checks need to know about a node. */
interface EdgeEnd {
  /** How messages name the node, e.g. `Node ask1 (Ask)`. */
  subject: string
  /** Undefined when they cannot be known (unknown node type, invalid config). */
  ports: readonly string[] | undefined
}

export interface FollowableEdge {
  source: string
  target: string
  port: string
}

/** Edge checks; returns the edges the engine could follow. */
export function checkEdges(
  entries: readonly EdgeEntry[],
  nodeById: ReadonlyMap<string, EdgeEnd>,
  problems: Problem[],
): FollowableEdge[] {
  const edgeIds = new Set<string>()
  const edgeByPort = new Map<string, string>()
  const followable: FollowableEdge[] = []
  for (const { index, id, edge } of entries) {
    if (id !== undefined) {
      if (edgeIds.has(id)) {
        problems.push(
          problem(
            'duplicate_edge_id',
            `Edge ${id} has the same id as another edge; every edge needs its own id`,
            ['edges', index, 'id'],
            {},
            { edgeId: id },
          ),
        )
      }
      edgeIds.add(id)
    }
    if (edge === undefined) continue
    const at = { edgeId: edge.id }
    const source = nodeById.get(edge.source)
    const target = nodeById.get(edge.target)
    if (source === undefined) {
      problems.push(
        problem(
          'edge_unknown_source',
          `Edge ${edge.id} starts at node "${edge.source}", which does not exist`,
          ['edges', index, 'source'],
          { source: edge.source },
          at,
        ),
      )
    }
    if (target === undefined) {
      problems.push(
        problem(
          'edge_unknown_target',
          `Edge ${edge.id} leads to node "${edge.target}", which does not exist`,
          ['edges', index, 'target'],
          { target: edge.target },
          at,
        ),
      )
    }
    if (source === undefined) continue
    const port = edge.sourceHandle
    if (source.ports !== undefined && !source.ports.includes(port)) {
      const ports =
        source.ports.length === 0 ? 'has no ports' : `has ports: ${source.ports.join(', ')}`
      problems.push(
        problem(
          'edge_unknown_port',
          `Edge ${edge.id} leaves port "${port}" but ${lowerFirst(source.subject)} ${ports}`,
          ['edges', index, 'sourceHandle'],
          { port, source: edge.source, ports: [...source.ports] },
          at,
        ),
      )
      continue
    }
    const portKey = JSON.stringify([edge.source, port])
    const earlier = edgeByPort.get(portKey)
    if (earlier !== undefined) {
      problems.push(
        problem(
          'duplicate_port_edge',
          `Edge ${edge.id} leaves port "${port}" of ${lowerFirst(source.subject)}, like edge ${earlier}; the engine follows only one edge per port, so remove one of them`,
          ['edges', index, 'sourceHandle'],
          { port, source: edge.source, otherEdge: earlier },
          at,
        ),
      )
    } else edgeByPort.set(portKey, edge.id)
    if (target !== undefined) followable.push({ source: edge.source, target: edge.target, port })
  }
  return followable
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
