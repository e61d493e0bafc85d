import { describe, expect, it } from 'vitest'
import type { Problem } from '../../../shared/index.ts'
import { addNode, emptyFlow, updateNode } from '../model/draft-edits.ts'
import { buildEditorRegistry } from '../model/editor-registry.ts'
import {
  type CanvasView,
  createCanvasEdgeMapper,
  createCanvasNodeMapper,
  problemsByNode,
} from './canvas-model.ts'

const registry = buildEditorRegistry([])
const flow = addNode(emptyFlow('f', 'f'), { type: 'reply', position: { x: 0, y: 0 } }).flow

function view(overrides: Partial<CanvasView> = {}): CanvasView {
  return {
    registry,
    infos: new Map(),
    locale: 'zh-CN',
    edges: flow.edges,
    selectedNodeIds: new Set(),
    problemsByNode: new Map(),
    pathNodeIds: new Set(),
    waitingNodeId: null,
    measured: new Map(),
    ...overrides,
  }
}

describe('canvas nodes', () => {
  it('rebuilds only the node that changed', () => {
    const map = createCanvasNodeMapper()
    const shared = view()
    const first = map(flow.nodes, shared)

    const edited = updateNode(flow, 'reply-1', { label: '问候' })
    const second = map(edited.nodes, { ...shared, selectedNodeIds: new Set(['reply-1']) })

    expect(second[0]).toBe(first[0])
    expect(second[1]).not.toBe(first[1])
    expect(second[1]?.selected).toBe(true)
  })

  it('keeps the very same nodes array when only a label changed (cards read labels themselves)', () => {
    const map = createCanvasNodeMapper()
    const shared = view()
    const first = map(flow.nodes, shared)

    const second = map(updateNode(flow, 'reply-1', { label: '问候' }).nodes, shared)

    expect(second).toBe(first)
  })

  it('keeps the very same nodes array when a config edit leaves the ports as they were', () => {
    const map = createCanvasNodeMapper()
    const shared = view()
    const first = map(flow.nodes, shared)

    const second = map(updateNode(flow, 'reply-1', { config: { text: '您好' } }).nodes, shared)

    expect(second).toBe(first)
  })

  it('marks problems, the path and the waiting node on the card', () => {
    const problem: Problem = {
      severity: 'error',
      code: 'config_invalid',
      message: 'bad',
      nodeId: 'reply-1',
      path: [],
    }

    const [, reply] = createCanvasNodeMapper()(
      flow.nodes,
      view({
        problemsByNode: problemsByNode([problem], flow),
        pathNodeIds: new Set(['reply-1']),
        waitingNodeId: 'reply-1',
      }),
    )

    expect(reply?.data).toMatchObject({
      problemSeverity: 'error',
      // The card says the problem in the operator's language (model/problem-text.ts).
      problemText: '节点 reply-1：取值无效，请检查',
      isOnPath: true,
      isWaiting: true,
      typeTitle: '回复',
      ports: ['next', 'error'],
    })
  })

  it('shows a node of an uninstalled type as unknown, keeping its data', () => {
    const unknown = { id: 'x', type: 'gone', position: { x: 0, y: 0 }, data: { config: { a: 1 } } }

    const [card] = createCanvasNodeMapper()([unknown], view())

    expect(card?.data).toMatchObject({ isUnknownType: true, typeTitle: 'gone' })
  })

  it('counts an edge problem for the edge source node', () => {
    const withEdge = {
      ...flow,
      edges: [{ id: 'e1', source: 'start', sourceHandle: 'nope', target: 'reply-1' }],
    }
    const problem: Problem = {
      severity: 'error',
      code: 'edge_unknown_port',
      message: 'm',
      edgeId: 'e1',
      path: [],
    }

    expect(problemsByNode([problem], withEdge).get('start')).toEqual([problem])
  })
})

describe('canvas edges', () => {
  it('keeps the very same edges array while no edge changed', () => {
    const edges = [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'reply-1' }]
    const map = createCanvasEdgeMapper()
    const first = map(edges, new Set(), new Set())

    expect(map([...edges], new Set(), new Set())).toBe(first)
    expect(map(edges, new Set(['e1']), new Set())).not.toBe(first)
  })
})
