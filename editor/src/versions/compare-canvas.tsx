import {
  Background,
  type Edge,
  type Node,
  Position,
  ReactFlow,
  ReactFlowProvider,
} from '@xyflow/react'
import { useMemo } from 'react'
import type { Flow } from '../../../shared/index.ts'
import type { ChangeKind, FlowDiff } from './diff-flows.ts'

/**
 * The newer version drawn read-only, with the older one's removed nodes and edges ghosted in:
 * added, changed, moved and removed items carry a class (and a data attribute) of their kind.
 * Its own provider, so it never shares state with the editor's canvas behind the dialog.
 */
export function CompareCanvas(props: { before: Flow; after: Flow; diff: FlowDiff; label: string }) {
  const { nodes, edges } = useMemo(() => canvasItems(props), [props])
  return (
    <section className="compare-canvas" aria-label={props.label}>
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
          minZoom={0.1}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} />
        </ReactFlow>
      </ReactFlowProvider>
    </section>
  )
}

type Mark = ChangeKind | 'moved' | 'same'

function canvasItems(props: { before: Flow; after: Flow; diff: FlowDiff }) {
  const nodeMarks = new Map<string, Mark>()
  for (const d of props.diff.nodes) nodeMarks.set(d.id, d.isLayoutOnly ? 'moved' : d.kind)
  const edgeMarks = new Map<string, Mark>(props.diff.edges.map((d) => [d.id, d.kind]))
  const removedNodes = props.before.nodes.filter((n) => nodeMarks.get(n.id) === 'removed')
  const removedEdges = props.before.edges.filter((e) => edgeMarks.get(e.id) === 'removed')

  const nodes: Node[] = [...props.after.nodes, ...removedNodes].map((n) => {
    const mark = nodeMarks.get(n.id) ?? 'same'
    return {
      id: n.id,
      position: n.position,
      // Ports on the sides, as on the editor's canvas, where flows are laid out left to right.
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      data: { label: n.data.label ? `${n.data.label} · ${n.id}` : `${n.type} · ${n.id}` },
      className: `diff-${mark}`,
    }
  })
  const edges: Edge[] = [...props.after.edges, ...removedEdges].map((e) => {
    const mark = edgeMarks.get(e.id) ?? 'same'
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label ?? e.sourceHandle,
      className: `diff-${mark}`,
    }
  })
  return { nodes, edges }
}
