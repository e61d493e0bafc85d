import { create } from 'zustand'

interface SelectionState {
  nodeIds: ReadonlySet<string>
  edgeIds: ReadonlySet<string>
  select(nodeIds: Iterable<string>, edgeIds?: Iterable<string>): void
  setNodeSelected(nodeId: string, isSelected: boolean): void
  setEdgeSelected(edgeId: string, isSelected: boolean): void
  clear(): void
}

const none: ReadonlySet<string> = new Set()

/** Which nodes and edges are selected on the canvas. */
export const useSelectionStore = create<SelectionState>((set, get) => ({
  nodeIds: none,
  edgeIds: none,
  select(nodeIds, edgeIds = []) {
    set({ nodeIds: new Set(nodeIds), edgeIds: new Set(edgeIds) })
  },
  setNodeSelected(nodeId, isSelected) {
    const current = get().nodeIds
    if (current.has(nodeId) === isSelected) return
    const next = new Set(current)
    if (isSelected) next.add(nodeId)
    else next.delete(nodeId)
    set({ nodeIds: next })
  },
  setEdgeSelected(edgeId, isSelected) {
    const current = get().edgeIds
    if (current.has(edgeId) === isSelected) return
    const next = new Set(current)
    if (isSelected) next.add(edgeId)
    else next.delete(edgeId)
    set({ edgeIds: next })
  },
  clear() {
    set({ nodeIds: none, edgeIds: none })
  },
}))
