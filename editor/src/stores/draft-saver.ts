import { z } from 'zod'
import { ApiError, apiRequest, errorMessage } from '../api-client.ts'
import { useFlowDraftStore } from './flow-draft-store.ts'

const savedSchema = z.object({ revision: z.number() })
const conflictSchema = z.object({ currentRevision: z.number() })

// One save at a time: a second one would send the same revision and conflict with the first.
// There is one editor per browser tab, so one chain per module is enough.
let running: Promise<void> = Promise.resolve()

/**
 * Saves the draft if it changed, after any save in flight. A refused revision marks a
 * conflict and stops saving (the server's draft is never overwritten); an unreachable server
 * marks the draft offline and the auto-saver retries.
 */
export function saveDraftNow(): Promise<void> {
  running = running.then(saveOnce)
  return running
}

/** Saves now and tells whether the server holds exactly what the editor shows. */
export async function flushDraft(): Promise<boolean> {
  await saveDraftNow()
  const { flow, savedFlow, saveStatus } = useFlowDraftStore.getState()
  return flow !== null && flow === savedFlow && saveStatus === 'saved'
}

async function saveOnce(): Promise<void> {
  const store = useFlowDraftStore.getState()
  const { flow, savedFlow, revision, saveStatus } = store
  if (!flow || flow === savedFlow || saveStatus === 'conflict') return
  store.markSaving()
  try {
    const body = savedSchema.parse(
      await apiRequest('PUT', `/api/flows/${encodeURIComponent(flow.id)}`, { revision, flow }),
    )
    useFlowDraftStore.getState().markSaved(flow, body.revision)
  } catch (error) {
    const draft = useFlowDraftStore.getState()
    if (error instanceof ApiError && error.code === 'revision_conflict') {
      const details = conflictSchema.safeParse(error.details)
      draft.markConflict(details.success ? details.data.currentRevision : revision + 1)
    } else if (error instanceof ApiError && error.status < 500) {
      draft.markSaveFailed('invalid', errorMessage(error))
    } else {
      draft.markSaveFailed('offline', errorMessage(error))
    }
  }
}
