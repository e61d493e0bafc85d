import type { z } from 'zod'
import {
  type Flow,
  type FlowEdge,
  type FlowNode,
  flowEdgeSchema,
  flowNodeSchema,
  flowSchema,
  flowSettingsSchema,
} from './flow-schema.ts'
import {
  formatPath,
  friendlyIssues,
  type Problem,
  type ProblemPath,
  problem,
  toProblemPath,
  zodIssueParams,
} from './validate-flow-problems.ts'

/** One entry of `nodes`, with as much as could be read from it. */
export interface NodeEntry {
  index: number
  /** The id as written, even when the rest of the node is malformed. */
  id: string | undefined
  type: string | undefined
  /** The parsed node; undefined when its own shape is invalid. */
  node: FlowNode | undefined
}

/** One entry of `edges`, with as much as could be read from it. */
export interface EdgeEntry {
  index: number
  id: string | undefined
  edge: FlowEdge | undefined
}

/** What the checks after the shape check work on, whether or not the whole shape is valid. */
export interface FlowDocument {
  nodes: NodeEntry[]
  edges: EdgeEntry[]
  /** Declared variable names; undefined when the variables list cannot be read at all. */
  variableNames: ReadonlySet<string> | undefined
  maxStepsPerTurn: number | undefined
  /** `nodes` is a list (possibly with malformed entries), so start-node checks make sense. */
  hasNodeList: boolean
  /** Every node and edge has a valid shape, so graph checks see the whole flow. */
  isComplete: boolean
}

export interface ReadResult {
  /** The parsed flow (defaults filled) when the shape is valid. */
  flow: Flow | null
  document: FlowDocument
  problems: Problem[]
}

/**
 * Parses the document shape. When it is invalid, the nodes and edges that are well-formed on
 * their own are still returned, so one typo in `name` does not hide every other problem.
 */
export function readFlowDocument(input: unknown): ReadResult {
  const parsed = flowSchema.safeParse(input, friendlyIssues)
  if (parsed.success) {
    const flow = parsed.data
    return {
      flow,
      document: {
        nodes: flow.nodes.map((node, index) => ({ index, id: node.id, type: node.type, node })),
        edges: flow.edges.map((edge, index) => ({ index, id: edge.id, edge })),
        variableNames: new Set(flow.variables.map((variable) => variable.name)),
        maxStepsPerTurn: flow.settings.maxStepsPerTurn,
        hasNodeList: true,
        isComplete: true,
      },
      problems: [],
    }
  }
  const document = salvageDocument(input)
  return {
    flow: null,
    document,
    problems: parsed.error.issues.map((issue) => schemaProblem(issue, document)),
  }
}

function salvageDocument(input: unknown): FlowDocument {
  const root = isRecord(input) ? input : {}
  const rawNodes = Array.isArray(root.nodes) ? root.nodes : undefined
  const rawEdges = Array.isArray(root.edges) ? root.edges : undefined
  const nodes = (rawNodes ?? []).map((raw: unknown, index): NodeEntry => {
    const parsed = flowNodeSchema.safeParse(raw)
    const fields = isRecord(raw) ? raw : {}
    return {
      index,
      id: stringOrUndefined(fields.id),
      type: stringOrUndefined(fields.type),
      node: parsed.success ? parsed.data : undefined,
    }
  })
  const edges = (rawEdges ?? []).map((raw: unknown, index): EdgeEntry => {
    const parsed = flowEdgeSchema.safeParse(raw)
    const fields = isRecord(raw) ? raw : {}
    return {
      index,
      id: stringOrUndefined(fields.id),
      edge: parsed.success ? parsed.data : undefined,
    }
  })
  const settings = flowSettingsSchema.safeParse(root.settings ?? {})
  return {
    nodes,
    edges,
    variableNames: readVariableNames(root.variables),
    maxStepsPerTurn: settings.success ? settings.data.maxStepsPerTurn : undefined,
    hasNodeList: rawNodes !== undefined,
    isComplete:
      rawNodes !== undefined &&
      rawEdges !== undefined &&
      nodes.every((entry) => entry.node !== undefined) &&
      edges.every((entry) => entry.edge !== undefined),
  }
}

function readVariableNames(variables: unknown): ReadonlySet<string> | undefined {
  if (variables === undefined) return new Set()
  if (!Array.isArray(variables)) return undefined
  const names = new Set<string>()
  for (const variable of variables) {
    const name = isRecord(variable) ? variable.name : undefined
    if (typeof name === 'string') names.add(name)
  }
  return names
}

function schemaProblem(issue: z.core.$ZodIssue, document: FlowDocument): Problem {
  const path = toProblemPath(issue.path)
  const params = zodIssueParams(issue)
  const [collection, index, ...rest] = path
  if (collection === 'nodes' && typeof index === 'number') {
    const nodeId = document.nodes[index]?.id
    if (nodeId !== undefined) {
      return problem('schema', `Node ${nodeId}${fieldText(rest)}: ${issue.message}`, path, params, {
        nodeId,
      })
    }
  }
  if (collection === 'edges' && typeof index === 'number') {
    const edgeId = document.edges[index]?.id
    if (edgeId !== undefined) {
      return problem('schema', `Edge ${edgeId}${fieldText(rest)}: ${issue.message}`, path, params, {
        edgeId,
      })
    }
  }
  return problem('schema', `Flow document${fieldText(path)}: ${issue.message}`, path, params)
}

function fieldText(path: ProblemPath): string {
  return path.length === 0 ? '' : `, field "${formatPath(path)}"`
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
