import { create } from 'zustand'
import type { Flow } from '../../../shared/index.ts'

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'offline' | 'invalid' | 'conflict'

interface FlowDraftState {
  flowId: string | null
  flow: Flow | null
  /** The server's revision of the draft this editor last read or wrote. */
  revision: number
  /** The document as last saved: the draft is dirty while `flow !== savedFlow`. */
  savedFlow: Flow | null
  latestVersion: number | null
  /** A role that may read flows but not change them (analyst): edits are ignored. */
  isReadOnly: boolean
  saveStatus: SaveStatus
  saveMessage: string
  /** The server's revision when a save was refused as a conflict. */
  conflictRevision: number | null
  past: Flow[]
  future: Flow[]
  /** Consecutive edits with the same key (typing in one field) undo as one step. */
  lastEditKey: string | null
  lastEditAtMs: number

  load(
    draft: { flow: Flow; revision: number; latestVersion: number | null },
    options?: { isReadOnly?: boolean },
  ): void
  edit(change: (flow: Flow) => Flow, editKey?: string): void
  undo(): void
  redo(): void
  markSaving(): void
  markSaved(saved: Flow, revision: number): void
  markSaveFailed(status: 'offline' | 'invalid', message: string): void
  markConflict(serverRevision: number): void
  setLatestVersion(version: number): void
  reset(): void
}

const historyLimit = 100

/**
 * A conflict stays until the operator reloads: nothing may be written over theirs. Otherwise
 * undoing back to the saved document is "saved" again, anything else needs saving.
 */
function statusAfterEdit(current: SaveStatus, next: Flow, savedFlow: Flow | null): SaveStatus {
  if (current === 'conflict') return 'conflict'
  if (current === 'saving') return 'saving'
  return next === savedFlow ? 'saved' : 'unsaved'
}
const coalesceMs = 1500

const initial = {
  flowId: null,
  flow: null,
  revision: 0,
  savedFlow: null,
  latestVersion: null,
  isReadOnly: false,
  saveStatus: 'saved' as SaveStatus,
  saveMessage: '',
  conflictRevision: null,
  past: [],
  future: [],
  lastEditKey: null,
  lastEditAtMs: 0,
}

/** The flow being edited, its undo history and its save state. */
export const useFlowDraftStore = create<FlowDraftState>((set, get) => ({
  ...initial,

  load({ flow, revision, latestVersion }, options = {}) {
    set({
      ...initial,
      flowId: flow.id,
      flow,
      savedFlow: flow,
      revision,
      latestVersion,
      isReadOnly: options.isReadOnly ?? false,
    })
  },

  edit(change, editKey) {
    const { flow, past, lastEditKey, lastEditAtMs, saveStatus, isReadOnly } = get()
    // Every edit (form, canvas, shortcut, paste) comes through here: one guard covers them.
    if (!flow || isReadOnly) return
    const next = change(flow)
    if (next === flow) return
    const nowMs = Date.now()
    const isSameEdit =
      editKey !== undefined && editKey === lastEditKey && nowMs - lastEditAtMs < coalesceMs
    set({
      flow: next,
      past: isSameEdit ? past : [...past.slice(-historyLimit + 1), flow],
      future: [],
      lastEditKey: editKey ?? null,
      lastEditAtMs: nowMs,
      saveStatus: statusAfterEdit(saveStatus, next, get().savedFlow),
    })
  },

  undo() {
    const { flow, past, future, saveStatus, savedFlow } = get()
    const previous = past.at(-1)
    if (!flow || !previous) return
    set({
      flow: previous,
      past: past.slice(0, -1),
      future: [flow, ...future],
      lastEditKey: null,
      saveStatus: statusAfterEdit(saveStatus, previous, savedFlow),
    })
  },

  redo() {
    const { flow, past, future, saveStatus, savedFlow } = get()
    const next = future[0]
    if (!flow || !next) return
    set({
      flow: next,
      past: [...past, flow],
      future: future.slice(1),
      lastEditKey: null,
      saveStatus: statusAfterEdit(saveStatus, next, savedFlow),
    })
  },

  markSaving() {
    set({ saveStatus: 'saving', saveMessage: '' })
  },

  markSaved(saved, revision) {
    const { flow } = get()
    set({
      savedFlow: saved,
      revision,
      saveStatus: flow === saved ? 'saved' : 'unsaved',
      saveMessage: '',
    })
  },

  markSaveFailed(status, message) {
    set({ saveStatus: status, saveMessage: message })
  },

  markConflict(serverRevision) {
    set({ saveStatus: 'conflict', conflictRevision: serverRevision })
  },

  setLatestVersion(version) {
    set({ latestVersion: version })
  },

  reset() {
    set(initial)
  },
}))
