import { describe, expect, it } from 'vitest'
import { type Flow, type FlowInput, flowSchema } from '../../../shared/index.ts'
import { diffFlows, isEmptyDiff, sameJson } from './diff-flows.ts'
import { diffLines, prettyFlow } from './line-diff.ts'

function flow(change: (f: FlowInput) => FlowInput = (f) => f): Flow {
  return flowSchema.parse(
    change({
      schemaVersion: 1,
      id: 'demo',
      name: 'Demo',
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { config: {} } },
        {
          id: 'hello',
          type: 'reply',
          position: { x: 200, y: 0 },
          data: { label: 'Hi', config: { text: '你好', buttons: ['a'] } },
        },
      ],
      edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'hello' }],
    }),
  )
}

describe('diffFlows', () => {
  it('finds nothing between equal documents, whatever the key order or viewport', () => {
    const reordered = flow((f) => ({
      ...f,
      viewport: { x: 5, y: 5, zoom: 2 },
      nodes: f.nodes.map((n) =>
        n.id === 'hello'
          ? { ...n, data: { config: { buttons: ['a'], text: '你好' }, label: 'Hi' } }
          : n,
      ),
    }))
    expect(isEmptyDiff(diffFlows(flow(), reordered))).toBe(true)
  })

  it('lists added and removed nodes and edges', () => {
    const after = flow((f) => ({
      ...f,
      nodes: [
        f.nodes[0] as FlowInput['nodes'][number],
        { id: 'bye', type: 'end', position: { x: 400, y: 0 }, data: { config: {} } },
      ],
      edges: [{ id: 'e2', source: 'start', sourceHandle: 'next', target: 'bye' }],
    }))
    const diff = diffFlows(flow(), after)
    expect(diff.nodes).toEqual([
      { id: 'bye', kind: 'added', fields: [], isLayoutOnly: false },
      { id: 'hello', kind: 'removed', fields: [], isLayoutOnly: false },
    ])
    expect(diff.edges).toEqual([
      { id: 'e2', kind: 'added', fields: [] },
      { id: 'e1', kind: 'removed', fields: [] },
    ])
  })

  it('names the changed fields of a node: config and label', () => {
    const after = flow((f) => ({
      ...f,
      nodes: f.nodes.map((n) =>
        n.id === 'hello'
          ? { ...n, data: { label: 'Hello', config: { text: '您好', buttons: ['a'] } } }
          : n,
      ),
    }))
    expect(diffFlows(flow(), after).nodes).toEqual([
      { id: 'hello', kind: 'changed', fields: ['label', 'config'], isLayoutOnly: false },
    ])
  })

  it('marks a node that only moved as layout-only', () => {
    const after = flow((f) => ({
      ...f,
      nodes: f.nodes.map((n) => (n.id === 'start' ? { ...n, position: { x: 10, y: 20 } } : n)),
    }))
    expect(diffFlows(flow(), after).nodes).toEqual([
      { id: 'start', kind: 'changed', fields: ['position'], isLayoutOnly: true },
    ])
  })

  it('names a changed type, a rewired edge and flow-wide fields', () => {
    const after = flow((f) => ({
      ...f,
      name: 'Renamed',
      settings: { fallbackReply: '稍后再试' },
      nodes: f.nodes.map((n) => (n.id === 'hello' ? { ...n, type: 'ask' } : n)),
      edges: [{ id: 'e1', source: 'hello', sourceHandle: 'other', target: 'start', label: 'x' }],
    }))
    const diff = diffFlows(flow(), after)
    expect(diff.nodes[0]?.fields).toEqual(['type'])
    expect(diff.edges).toEqual([
      { id: 'e1', kind: 'changed', fields: ['source', 'sourceHandle', 'target', 'label'] },
    ])
    expect(diff.flow).toEqual(['name', 'settings'])
  })

  it('compares JSON values deeply', () => {
    expect(sameJson({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] })).toBe(true)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
  })
})

describe('diffLines', () => {
  it('keeps equal lines and marks removed and added ones in place', () => {
    expect(diffLines('a\nb\nc\nd', 'a\nB\nc\nd\ne')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'same', text: 'd' },
      { kind: 'added', text: 'e' },
    ])
  })

  it('shows a reply text change of pretty-printed flows as one line out, one line in', () => {
    const after = flow((f) => ({
      ...f,
      nodes: f.nodes.map((n) =>
        n.id === 'hello'
          ? { ...n, data: { ...n.data, config: { text: '您好', buttons: ['a'] } } }
          : n,
      ),
    }))
    const changed = diffLines(prettyFlow(flow()), prettyFlow(after)).filter(
      (l) => l.kind !== 'same',
    )
    expect(changed.map((l) => [l.kind, l.text.trim()])).toEqual([
      ['removed', '"text": "你好",'],
      ['added', '"text": "您好",'],
    ])
  })

  it('leaves the viewport out of the compared JSON', () => {
    expect(prettyFlow(flow((f) => ({ ...f, viewport: { x: 1, y: 2, zoom: 1 } })))).not.toContain(
      'viewport',
    )
  })
})
