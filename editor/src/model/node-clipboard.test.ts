import { describe, expect, it } from 'vitest'
import { addNode, connectPort, emptyFlow } from './draft-edits.ts'
import { copyNodes, pasteNodes, readNodeClipboard } from './node-clipboard.ts'

function source() {
  let flow = emptyFlow('from', 'From')
  flow = addNode(flow, { type: 'ask', position: { x: 100, y: 50 }, config: { variable: 'a' } }).flow
  flow = addNode(flow, { type: 'reply', position: { x: 300, y: 80 } }).flow
  flow = connectPort(flow, { source: 'start', port: 'next', target: 'ask-1' })
  flow = connectPort(flow, { source: 'ask-1', port: 'answer', target: 'reply-1' })
  return flow
}

describe('copying and pasting nodes', () => {
  it('copies the selected nodes with the edges among them only', () => {
    const clipboard = copyNodes(source(), new Set(['start', 'ask-1', 'reply-1']))

    expect(clipboard?.nodes.map((n) => n.id)).toEqual(['ask-1', 'reply-1'])
    expect(clipboard?.edges.map((e) => e.id)).toEqual(['e-ask-1-answer-reply-1'])
  })

  it('copies nothing when only the start node is selected', () => {
    expect(copyNodes(source(), new Set(['start']))).toBeNull()
  })

  it('pastes into another flow with new ids, the copied edges re-joined, layout kept', () => {
    const clipboard = copyNodes(source(), new Set(['ask-1', 'reply-1']))
    let target = emptyFlow('to', 'To')
    target = addNode(target, { type: 'ask', position: { x: 0, y: 0 } }).flow
    if (!clipboard) throw new Error('nothing copied')

    const pasted = pasteNodes(target, clipboard, { x: 1000, y: 1000 })

    expect(pasted.nodeIds).toEqual(['ask-2', 'reply-1'])
    expect(pasted.flow.nodes.find((n) => n.id === 'ask-2')).toMatchObject({
      position: { x: 1000, y: 1000 },
      data: { config: { variable: 'a' } },
    })
    expect(pasted.flow.nodes.find((n) => n.id === 'reply-1')?.position).toEqual({
      x: 1200,
      y: 1030,
    })
    expect(pasted.flow.edges).toEqual([
      { id: 'e-ask-2-answer-reply-1', source: 'ask-2', sourceHandle: 'answer', target: 'reply-1' },
    ])
  })

  it('gives the pasted nodes their own config, not one shared with the clipboard', () => {
    const clipboard = copyNodes(source(), new Set(['ask-1']))
    if (!clipboard) throw new Error('nothing copied')

    const pasted = pasteNodes(source(), clipboard, { x: 0, y: 0 })
    const copy = pasted.flow.nodes.find((n) => n.id === 'ask-2')

    expect(copy?.data).not.toBe(clipboard.nodes[0]?.data)
  })

  it('reads back a stored clipboard and refuses any other text', () => {
    const clipboard = copyNodes(source(), new Set(['ask-1']))

    expect(readNodeClipboard(JSON.stringify(clipboard))).toEqual(clipboard)
    expect(readNodeClipboard('{"kind":"other"}')).toBeNull()
    expect(readNodeClipboard('not json')).toBeNull()
    expect(readNodeClipboard(null)).toBeNull()
  })
})
