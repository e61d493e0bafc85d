import { beforeEach, describe, expect, it } from 'vitest'
import { emptyFlow, updateNode } from '../model/draft-edits.ts'
import { useFlowDraftStore } from './flow-draft-store.ts'

const store = () => useFlowDraftStore.getState()
const label = (text: string) => (f: ReturnType<typeof emptyFlow>) =>
  updateNode(f, 'start', { label: text })

beforeEach(() => {
  store().load({ flow: emptyFlow('f', 'Flow'), revision: 1, latestVersion: null })
})

describe('flow draft store', () => {
  it('undoes and redoes edits', () => {
    store().edit(label('a'))
    store().edit(label('b'))

    store().undo()
    expect(store().flow?.nodes[0]?.data.label).toBe('a')
    store().redo()
    expect(store().flow?.nodes[0]?.data.label).toBe('b')
  })

  it('undoes keystrokes in one field as one step', () => {
    store().edit(label('a'), 'label:start')
    store().edit(label('ab'), 'label:start')

    store().undo()

    expect(store().flow?.nodes[0]?.data.label).toBeUndefined()
  })

  it('is saved again when undo returns to the saved document', () => {
    store().edit(label('a'))
    expect(store().saveStatus).toBe('unsaved')

    store().undo()

    expect(store().saveStatus).toBe('saved')
  })

  it('stays in conflict through further edits until reloaded', () => {
    store().markConflict(5)

    store().edit(label('a'))

    expect(store().saveStatus).toBe('conflict')
    expect(store().conflictRevision).toBe(5)
  })

  it('stays unsaved when the document changed while a save was running', () => {
    store().edit(label('a'))
    const sent = store().flow
    store().markSaving()
    store().edit(label('b'))

    if (sent) store().markSaved(sent, 2)

    expect(store().saveStatus).toBe('unsaved')
    expect(store().revision).toBe(2)
  })

  it('ignores every edit of a read-only draft, so a reader never saves', () => {
    const flow = emptyFlow('f', 'Flow')
    store().load({ flow, revision: 1, latestVersion: null }, { isReadOnly: true })

    store().edit(label('a'))

    expect(store().flow).toBe(flow)
    expect(store().saveStatus).toBe('saved')
    expect(store().past).toEqual([])
  })
})
