import { z } from 'zod'
import { type Flow, flowSchema } from '../../../shared/index.ts'
import { apiRequest } from '../api-client.ts'
import { saveDraftNow } from '../stores/draft-saver.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

const versionSchema = z.object({ version: z.number(), flow: flowSchema })

/** The flow document as published in `version`. */
export async function fetchVersionFlow(flowId: string, version: number): Promise<Flow> {
  const body = await apiRequest(
    'GET',
    `/api/flows/${encodeURIComponent(flowId)}/versions/${version}`,
  )
  return versionSchema.parse(body).flow
}

/**
 * Puts a published version's document into the draft, as one undoable edit, and saves it with
 * the draft's current revision. Pending edits are saved first, so the restore is what lands
 * last. A refused revision goes through the usual conflict handling (the banner); nothing is
 * published. Resolves to the save status afterwards.
 */
export async function restoreVersion(flowId: string, version: number) {
  const restored = await fetchVersionFlow(flowId, version)
  await saveDraftNow()
  const draft = useFlowDraftStore.getState()
  if (draft.flowId !== flowId || draft.saveStatus === 'conflict') return draft.saveStatus
  // The viewport is the operator's current view, not part of what was published.
  draft.edit((current) => ({ ...restored, viewport: current.viewport }))
  await saveDraftNow()
  return useFlowDraftStore.getState().saveStatus
}
