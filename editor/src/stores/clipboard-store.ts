import { create } from 'zustand'
import { type NodeClipboard, readNodeClipboard } from '../model/node-clipboard.ts'

const storageKey = 'switchboard.clipboard'

interface ClipboardState {
  /** Pastes since the last copy: each lands a step further, so copies never hide each other. */
  pasteCount: number
  write(clipboard: NodeClipboard): void
  read(): NodeClipboard | null
  countPaste(): number
}

/**
 * Copied nodes. Kept in localStorage, not only in memory, so a copy can be pasted into another
 * flow, also one open in another tab; the system clipboard needs a permission prompt to read.
 */
export const useClipboardStore = create<ClipboardState>((set, get) => ({
  pasteCount: 0,
  write(clipboard) {
    localStorage.setItem(storageKey, JSON.stringify(clipboard))
    set({ pasteCount: 0 })
  },
  read() {
    return readNodeClipboard(localStorage.getItem(storageKey))
  },
  countPaste() {
    const next = get().pasteCount + 1
    set({ pasteCount: next })
    return next
  },
}))
