import type { NodeSize } from '../model/auto-layout.ts'
import { moveNodes } from '../model/draft-edits.ts'
import { copyNodes, duplicateNodes, pasteNodes, topLeftOf } from '../model/node-clipboard.ts'
import { useClipboardStore } from '../stores/clipboard-store.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { useSelectionStore } from '../stores/selection-store.ts'

// Commands of the canvas shared by the toolbar, the node panel and the keyboard. Each change
// to the document is one draft edit, so one Ctrl/⌘+Z undoes it.

const pasteStep = 40

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

/** Keeps the selected nodes (and the edges among them) for pasting; false when none could be. */
export function copySelection(): boolean {
  const { flow } = useFlowDraftStore.getState()
  if (!flow) return false
  const clipboard = copyNodes(flow, useSelectionStore.getState().nodeIds)
  if (!clipboard) return false
  useClipboardStore.getState().write(clipboard)
  return true
}

/**
 * Pastes copied nodes and selects them. Into the flow they came from they land a step beside
 * the originals (further with every paste); into another flow, at `viewCenter`, where the
 * operator is looking.
 */
export function pasteClipboard(viewCenter: { x: number; y: number }): boolean {
  const clipboards = useClipboardStore.getState()
  const clipboard = clipboards.read()
  const { flow } = useFlowDraftStore.getState()
  if (!clipboard || !flow) return false
  const corner = topLeftOf(clipboard.nodes)
  const step = clipboards.countPaste() * pasteStep
  const at = clipboard.flowId === flow.id ? { x: corner.x + step, y: corner.y + step } : viewCenter
  let pasted: string[] = []
  useFlowDraftStore.getState().edit((f) => {
    const result = pasteNodes(f, clipboard, at)
    pasted = result.nodeIds
    return result.flow
  })
  useSelectionStore.getState().select(pasted)
  return pasted.length > 0
}

/**
 * Lays the whole flow out left to right (one undo step). The layout library is loaded on first
 * use, so the canvas does not pay for it.
 */
export async function autoLayout(sizes: ReadonlyMap<string, NodeSize>): Promise<void> {
  const { layoutFlow } = await import('../model/auto-layout.ts')
  useFlowDraftStore.getState().edit((f) => moveNodes(f, layoutFlow(f, sizes)))
}
