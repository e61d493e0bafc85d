import type { Flow, FlowEdge, FlowNode } from '../../../shared/index.ts'

export type ChangeKind = 'added' | 'removed' | 'changed'
export type NodeField = 'type' | 'label' | 'config' | 'position' | 'size'
export type EdgeField = 'source' | 'sourceHandle' | 'target' | 'targetHandle' | 'label'
export type FlowField = 'name' | 'description' | 'locale' | 'variables' | 'settings'

export interface NodeDiff {
  id: string
  kind: ChangeKind
  /** The fields that differ; empty for added and removed nodes. */
  fields: NodeField[]
  /** Only moved (or resized) on the canvas: the flow behaves exactly as before. */
  isLayoutOnly: boolean
}

export interface EdgeDiff {
  id: string
  kind: ChangeKind
  fields: EdgeField[]
}

export interface FlowDiff {
  nodes: NodeDiff[]
  edges: EdgeDiff[]
  /** Flow-wide fields that differ (the canvas viewport is not a change). */
  flow: FlowField[]
}

const layoutFields: ReadonlySet<NodeField> = new Set(['position', 'size'])

/**
 * What changed from `before` to `after`, node by node and edge by edge (matched by id).
 * Added and changed items come in `after`'s order, removed ones after them in `before`'s.
 */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  return {
    nodes: diffById(before.nodes, after.nodes, nodeFields).map((d) => ({
      ...d,
      isLayoutOnly: d.kind === 'changed' && d.fields.every((f) => layoutFields.has(f)),
    })),
    edges: diffById(before.edges, after.edges, edgeFields),
    flow: (['name', 'description', 'locale', 'variables', 'settings'] as const).filter(
      (field) => !sameJson(before[field], after[field]),
    ),
  }
}

/** True when nothing a diff reports differs. */
export function isEmptyDiff(diff: FlowDiff): boolean {
  return diff.nodes.length === 0 && diff.edges.length === 0 && diff.flow.length === 0
}

function nodeFields(a: FlowNode, b: FlowNode): NodeField[] {
  const fields: NodeField[] = []
  if (a.type !== b.type) fields.push('type')
  if ((a.data.label ?? '') !== (b.data.label ?? '')) fields.push('label')
  if (!sameJson(a.data.config, b.data.config)) fields.push('config')
  if (a.position.x !== b.position.x || a.position.y !== b.position.y) fields.push('position')
  if (a.width !== b.width || a.height !== b.height) fields.push('size')
  return fields
}

function edgeFields(a: FlowEdge, b: FlowEdge): EdgeField[] {
  const fields: EdgeField[] = []
  if (a.source !== b.source) fields.push('source')
  if (a.sourceHandle !== b.sourceHandle) fields.push('sourceHandle')
  if (a.target !== b.target) fields.push('target')
  if ((a.targetHandle ?? null) !== (b.targetHandle ?? null)) fields.push('targetHandle')
  if ((a.label ?? '') !== (b.label ?? '')) fields.push('label')
  return fields
}

function diffById<T extends { id: string }, F>(
  before: readonly T[],
  after: readonly T[],
  fieldsOf: (a: T, b: T) => F[],
): { id: string; kind: ChangeKind; fields: F[] }[] {
  const beforeById = new Map(before.map((item) => [item.id, item]))
  const afterIds = new Set(after.map((item) => item.id))
  const result: { id: string; kind: ChangeKind; fields: F[] }[] = []
  for (const item of after) {
    const old = beforeById.get(item.id)
    if (!old) {
      result.push({ id: item.id, kind: 'added', fields: [] })
      continue
    }
    const fields = fieldsOf(old, item)
    if (fields.length > 0) result.push({ id: item.id, kind: 'changed', fields })
  }
  for (const item of before) {
    if (!afterIds.has(item.id)) result.push({ id: item.id, kind: 'removed', fields: [] })
  }
  return result
}

/** Deep equality of JSON values; object key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b)
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  )
}
