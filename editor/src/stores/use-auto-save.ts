import { useEffect } from 'react'
import { saveDraftNow } from './draft-saver.ts'
import { useFlowDraftStore } from './flow-draft-store.ts'

const quietMs = 800
const retryMs = 3000

/** Saves the draft a moment after the operator stops editing, and retries when offline. */
export function useAutoSave(): void {
  const flow = useFlowDraftStore((s) => s.flow)
  const savedFlow = useFlowDraftStore((s) => s.savedFlow)
  const saveStatus = useFlowDraftStore((s) => s.saveStatus)

  useEffect(() => {
    // A conflict waits for a reload, a refused draft for the next edit.
    if (!flow || flow === savedFlow || ['conflict', 'saving', 'invalid'].includes(saveStatus)) {
      return
    }
    const timer = setTimeout(
      () => void saveDraftNow(),
      saveStatus === 'offline' ? retryMs : quietMs,
    )
    return () => clearTimeout(timer)
  }, [flow, savedFlow, saveStatus])

  // The browser knows first when the network is back: retry then instead of at the next tick.
  useEffect(() => {
    const retry = () => {
      if (useFlowDraftStore.getState().saveStatus === 'offline') void saveDraftNow()
    }
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [])

  // Leaving with unsaved work asks first; the browser shows its own wording.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const state = useFlowDraftStore.getState()
      if (state.flow !== state.savedFlow) event.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [])
}
