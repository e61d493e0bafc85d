import {
  Background,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react'
import { type DragEvent, useCallback, useEffect, useMemo, useState } from 'react'
import type { Flow } from '../../../shared/index.ts'
import { useOverlayEdges } from '../analytics/use-overlay-edges.ts'
import { useLocaleStore, useT } from '../i18n.ts'
import { addNode, connectPort, moveNodes, removeEdges, removeNodes } from '../model/draft-edits.ts'
import { usePreviewStore } from '../preview/preview-store.ts'
import { pathOf } from '../preview/trace-path.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { useNodeTypesStore } from '../stores/node-types-store.ts'
import { useProblemsStore } from '../stores/problems-store.ts'
import { useSelectionStore } from '../stores/selection-store.ts'
import {
  type CanvasElements,
  type CanvasNode,
  createCanvasEdgeMapper,
  createCanvasNodeMapper,
} from './canvas-model.ts'
import { canvasFitView } from './fit-view.ts'
import { NodeCard } from './node-card.tsx'

const nodeTypes = { card: NodeCard }
export const paletteDragType = 'application/x-switchboard-node-type'

/** The flow as boxes and arrows: drop nodes here, drag ports to connect, select to edit. */
export function FlowCanvas() {
  const t = useT()
  const registry = useNodeTypesStore((s) => s.registry)
  const infos = useNodeTypesStore((s) => s.infos)
  const locale = useLocaleStore((s) => s.locale)
  const selectedNodeIds = useSelectionStore((s) => s.nodeIds)
  const selectedEdgeIds = useSelectionStore((s) => s.edgeIds)
  const byNode = useProblemsStore((s) => s.byNode)
  const turns = usePreviewStore((s) => s.turns)
  const waitingNodeId = usePreviewStore((s) => s.waitingNodeId)
  const isReadOnly = useFlowDraftStore((s) => s.isReadOnly)
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(
    () => new Map(),
  )
  const { screenToFlowPosition } = useReactFlow()
  const mapNodes = useMemo(createCanvasNodeMapper, [])
  const mapEdges = useMemo(createCanvasEdgeMapper, [])
  const path = useMemo(() => pathOf(turns), [turns])

  const toCanvas = useCallback(
    (flow: Flow | null): CanvasElements => ({
      nodes: flow
        ? mapNodes(flow.nodes, {
            registry,
            infos,
            locale,
            edges: flow.edges,
            selectedNodeIds,
            problemsByNode: byNode,
            pathNodeIds: path.nodeIds,
            waitingNodeId,
            measured,
          })
        : [],
      edges: flow ? mapEdges(flow.edges, selectedEdgeIds, path.portKeys) : [],
    }),
    [
      registry,
      infos,
      locale,
      selectedNodeIds,
      selectedEdgeIds,
      byNode,
      path,
      waitingNodeId,
      measured,
      mapNodes,
      mapEdges,
    ],
  )
  const { nodes, edges: draftEdges } = useCanvasElements(toCanvas)
  const edges = useOverlayEdges(draftEdges)

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const positions = new Map<string, { x: number; y: number }>()
    const removed = new Set<string>()
    const sizes: [string, { width: number; height: number }][] = []
    const selection = useSelectionStore.getState()
    for (const change of changes) {
      if (change.type === 'position' && change.position) {
        positions.set(change.id, {
          x: Math.round(change.position.x),
          y: Math.round(change.position.y),
        })
      } else if (change.type === 'remove') removed.add(change.id)
      else if (change.type === 'select') selection.setNodeSelected(change.id, change.selected)
      else if (change.type === 'dimensions' && change.dimensions) {
        sizes.push([change.id, change.dimensions])
      }
    }
    const draft = useFlowDraftStore.getState()
    // One drag is one undo step: its many position updates share an edit key.
    if (positions.size > 0)
      draft.edit((f) => moveNodes(f, positions), `move:${[...positions.keys()].join(',')}`)
    if (removed.size > 0) draft.edit((f) => removeNodes(f, removed))
    if (sizes.length > 0) {
      setMeasured((current) => {
        const next = new Map(current)
        for (const [id, size] of sizes) next.set(id, size)
        return next
      })
    }
  }, [])

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const removed = new Set<string>()
    const selection = useSelectionStore.getState()
    for (const change of changes) {
      if (change.type === 'remove') removed.add(change.id)
      else if (change.type === 'select') selection.setEdgeSelected(change.id, change.selected)
    }
    if (removed.size > 0) useFlowDraftStore.getState().edit((f) => removeEdges(f, removed))
  }, [])

  const onConnect = useCallback(
    (connection: { source: string; target: string; sourceHandle: string | null }) => {
      const port = connection.sourceHandle
      if (!port) return
      useFlowDraftStore
        .getState()
        .edit((f) => connectPort(f, { source: connection.source, port, target: connection.target }))
    },
    [],
  )

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(paletteDragType)) {
      event.preventDefault()
      event.dataTransfer.dropEffect = 'move'
    }
  }, [])

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(paletteDragType)
      if (!type) return
      event.preventDefault()
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY })
      addNodeAt(type, position)
    },
    [screenToFlowPosition],
  )

  return (
    <section
      className="canvas"
      aria-label={t('canvas.label')}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onPaneClick={() => useSelectionStore.getState().clear()}
        deleteKeyCode={isReadOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!isReadOnly}
        nodesConnectable={!isReadOnly}
        fitView
        fitViewOptions={canvasFitView}
        minZoom={0.1}
        onlyRenderVisibleElements={nodes.length > 200}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <MiniMap
          pannable
          zoomable
          ariaLabel={t('canvas.label')}
          style={{ width: 140, height: 90 }}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  )
}

/** Adds a node of `type` at a flow position and selects it, so its form opens. */
export function addNodeAt(type: string, position: { x: number; y: number }): void {
  let nodeId = ''
  useFlowDraftStore.getState().edit((f) => {
    const added = addNode(f, { type, position })
    nodeId = added.nodeId
    return added.flow
  })
  if (nodeId) useSelectionStore.getState().select([nodeId])
}

/**
 * The canvas's nodes and edges, recomputed on every draft edit outside React: the canvas
 * re-renders only when they actually changed. A label or a port-keeping config edit (typing in
 * the node panel) then costs React Flow nothing, which on a 500-node flow is most of an edit.
 */
function useCanvasElements(toCanvas: (flow: Flow | null) => CanvasElements): CanvasElements {
  const [elements, setElements] = useState(() => toCanvas(useFlowDraftStore.getState().flow))
  useEffect(() => {
    const update = (flow: Flow | null) =>
      setElements((shown) => {
        const next = toCanvas(flow)
        return next.nodes === shown.nodes && next.edges === shown.edges ? shown : next
      })
    update(useFlowDraftStore.getState().flow)
    return useFlowDraftStore.subscribe((state, before) => {
      if (state.flow !== before.flow) update(state.flow)
    })
  }, [toCanvas])
  return elements
}
