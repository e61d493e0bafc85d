import { describe, expect, it } from 'vitest'
import {
  addNode,
  connectPort,
  emptyFlow,
  moveNodes,
  nextNodeId,
  removeEdges,
  removeNodes,
  updateNode,
} from './draft-edits.ts'
import { duplicateNodes } from './node-clipboard.ts'

const base = emptyFlow('f', 'Flow')

describe('draft edits', () => {
  it('names new nodes after their type with the first free number', () => {
    const { flow } = addNode(base, { type: 'ask', position: { x: 0, y: 0 } })

    expect(nextNodeId(flow, 'ask')).toBe('ask-2')
    expect(nextNodeId(flow, 'reply')).toBe('reply-1')
  })

  it('adds a node at a rounded position with an empty config', () => {
    const { flow, nodeId } = addNode(base, { type: 'reply', position: { x: 10.6, y: -3.2 } })

    expect(flow.nodes.find((n) => n.id === nodeId)).toEqual({
      id: 'reply-1',
      type: 'reply',
      position: { x: 11, y: -3 },
      data: { config: {} },
    })
  })

  it('replaces the edge of a port that is connected again: one port leads to one node', () => {
    const once = connectPort(base, { source: 'start', port: 'next', target: 'a' })

    const twice = connectPort(once, { source: 'start', port: 'next', target: 'b' })

    expect(twice.edges.map((e) => e.target)).toEqual(['b'])
  })

  it('removes the edges of removed nodes', () => {
    const { flow } = addNode(base, { type: 'reply', position: { x: 0, y: 0 } })
    const connected = connectPort(flow, { source: 'start', port: 'next', target: 'reply-1' })

    const removed = removeNodes(connected, new Set(['reply-1']))

    expect(removed.nodes.map((n) => n.id)).toEqual(['start'])
    expect(removed.edges).toEqual([])
  })

  it('keeps untouched nodes as the same objects so memoised cards skip rendering', () => {
    const { flow } = addNode(base, { type: 'reply', position: { x: 0, y: 0 } })

    const moved = moveNodes(flow, new Map([['reply-1', { x: 5, y: 5 }]]))
    const labelled = updateNode(moved, 'reply-1', { label: '问候' })

    expect(moved.nodes[0]).toBe(flow.nodes[0])
    expect(labelled.nodes[0]).toBe(flow.nodes[0])
    expect(labelled.nodes[1]?.data.label).toBe('问候')
  })

  it('drops an emptied label rather than storing an empty string', () => {
    const labelled = updateNode(base, 'start', { label: 'x' })

    expect(updateNode(labelled, 'start', { label: '' }).nodes[0]?.data).toEqual({ config: {} })
  })

  it('returns the same document when there is nothing to remove', () => {
    expect(removeEdges(base, new Set())).toBe(base)
    expect(removeNodes(base, new Set())).toBe(base)
  })
})

describe('duplicateNodes', () => {
  it('copies nodes with their config and the edges among them, beside the originals', () => {
    let flow = addNode(base, {
      type: 'ask',
      position: { x: 0, y: 0 },
      config: { variable: 'a' },
    }).flow
    flow = addNode(flow, { type: 'reply', position: { x: 100, y: 0 } }).flow
    flow = connectPort(flow, { source: 'ask-1', port: 'answer', target: 'reply-1' })
    flow = connectPort(flow, { source: 'start', port: 'next', target: 'ask-1' })

    const copied = duplicateNodes(flow, new Set(['ask-1', 'reply-1']))

    expect(copied.nodeIds).toEqual(['ask-2', 'reply-2'])
    expect(copied.flow.nodes.find((n) => n.id === 'ask-2')).toMatchObject({
      position: { x: 40, y: 40 },
      data: { config: { variable: 'a' } },
    })
    expect(copied.flow.edges.map((e) => `${e.source}.${e.sourceHandle}→${e.target}`)).toEqual([
      'ask-1.answer→reply-1',
      'start.next→ask-1',
      'ask-2.answer→reply-2',
    ])
  })

  it('never copies the start node', () => {
    expect(duplicateNodes(base, new Set(['start'])).nodeIds).toEqual([])
  })

  it('gives the copy its own config object', () => {
    const flow = addNode(base, {
      type: 'reply',
      position: { x: 0, y: 0 },
      config: { text: 'a' },
    }).flow

    const copied = duplicateNodes(flow, new Set(['reply-1'])).flow

    expect(copied.nodes[2]?.data.config).not.toBe(copied.nodes[1]?.data.config)
  })
})
