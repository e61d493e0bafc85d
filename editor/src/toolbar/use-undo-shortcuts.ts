import { useEffect } from 'react'
import { duplicateNodes } from '../model/draft-edits.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { useSelectionStore } from '../stores/selection-store.ts'

/** Duplicates the selected nodes and selects the copies. */
export function duplicateSelection(): void {
  const selected = useSelectionStore.getState().nodeIds
  if (selected.size === 0) return
  let copies: string[] = []
  useFlowDraftStore.getState().edit((f) => {
    const result = duplicateNodes(f, selected)
    copies = result.nodeIds
    return result.nodeIds.length > 0 ? result.flow : f
  })
  if (copies.length > 0) useSelectionStore.getState().select(copies)
}

/**
 * Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z and Ctrl+Y redo, Ctrl/⌘+D duplicates the selection; typing
 * in a field keeps the field's own undo.
 */
export function useUndoShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return
      const target = event.target
      if (
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement
      ) {
        return
      }
      const key = event.key.toLowerCase()
      const draft = useFlowDraftStore.getState()
      if (key === 'z' && !event.shiftKey) draft.undo()
      else if ((key === 'z' && event.shiftKey) || key === 'y') draft.redo()
      else if (key === 'd') duplicateSelection()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
