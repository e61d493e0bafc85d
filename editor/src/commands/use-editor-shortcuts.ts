import { useEffect, useRef } from 'react'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { copySelection, duplicateSelection, pasteClipboard } from './canvas-commands.ts'

/** Whether a key press belongs to a field (its own undo, copy and paste, and typing "?"). */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable) ||
    // Monaco's hidden textarea is a textarea, but its container catches key presses too.
    (target instanceof Element && target.closest('.monaco-editor') !== null)
  )
}

/**
 * The editor's keyboard: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z and Ctrl+Y redo, Ctrl/⌘+C copy,
 * Ctrl/⌘+V paste, Ctrl/⌘+D duplicate, Shift+L auto-layout and "?" the shortcuts help. Keys
 * typed in a field (or a dialog) stay the field's own.
 */
export function useEditorShortcuts(actions: {
  viewCenter(): { x: number; y: number }
  layout(): void
  help(): void
}): void {
  const latest = useRef(actions)
  latest.current = actions
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || document.querySelector('[role="dialog"]')) return
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        latest.current.help()
        event.preventDefault()
        return
      }
      if (event.key === 'L' && event.shiftKey && !event.ctrlKey && !event.metaKey) {
        latest.current.layout()
        event.preventDefault()
        return
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.key.toLowerCase()
      const draft = useFlowDraftStore.getState()
      if (key === 'z' && !event.shiftKey) draft.undo()
      else if ((key === 'z' && event.shiftKey) || key === 'y') draft.redo()
      else if (key === 'd') duplicateSelection()
      else if (key === 'c') {
        // Without selected nodes, let the browser copy selected text as usual.
        if (!copySelection()) return
      } else if (key === 'v') {
        if (!pasteClipboard(latest.current.viewCenter())) return
      } else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
