import { z } from 'zod'
import { create } from 'zustand'
import { type Flow, flowSchema } from '../../../shared/index.ts'
import { ApiError, apiRequest, errorMessage } from '../api-client.ts'
import { freeFlowId } from '../model/flow-file.ts'

const summarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  revision: z.number(),
  latestVersion: z.number().nullable(),
  updatedAt: z.string(),
})
export type FlowSummary = z.infer<typeof summarySchema>

const createdSchema = z.object({ id: z.string(), problems: z.array(z.unknown()) })
const draftSchema = z.object({ flow: flowSchema })

type ListState =
  | { kind: 'loading' }
  | { kind: 'loaded'; flows: FlowSummary[] }
  | { kind: 'failed'; message: string }

interface FlowListState {
  state: ListState
  load(): Promise<void>
  /** Creates a draft under a free id; returns its id and how many problems it has. */
  create(flow: Flow): Promise<{ flowId: string; problemCount: number }>
  duplicate(flowId: string, name: string): Promise<string>
  remove(flowId: string): Promise<void>
  readDraft(flowId: string): Promise<Flow>
}

/** The flows page: drafts with their published version. */
export const useFlowListStore = create<FlowListState>((set, get) => ({
  state: { kind: 'loading' },

  async load() {
    if (get().state.kind !== 'loaded') set({ state: { kind: 'loading' } })
    try {
      const body = z
        .object({ flows: z.array(summarySchema) })
        .parse(await apiRequest('GET', '/api/flows'))
      set({ state: { kind: 'loaded', flows: body.flows } })
    } catch (error) {
      set({ state: { kind: 'failed', message: errorMessage(error) } })
    }
  },

  async create(flow) {
    const current = get().state
    const taken = new Set(current.kind === 'loaded' ? current.flows.map((f) => f.id) : [])
    let candidate = { ...flow, id: freeFlowId(flow.id, taken) }
    // A deleted flow's id, or one created in another tab, is only known to the server.
    for (let attempt = 0; ; attempt++) {
      try {
        const created = createdSchema.parse(await apiRequest('POST', '/api/flows', candidate))
        await get().load()
        return { flowId: created.id, problemCount: created.problems.length }
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'flow_exists') || attempt > 20)
          throw error
        taken.add(candidate.id)
        candidate = { ...flow, id: freeFlowId(flow.id, taken) }
      }
    }
  },

  async duplicate(flowId, name) {
    const flow = await get().readDraft(flowId)
    const { flowId: copyId } = await get().create({ ...flow, id: `${flowId}-copy`, name })
    return copyId
  },

  async remove(flowId) {
    await apiRequest('DELETE', `/api/flows/${encodeURIComponent(flowId)}`)
    await get().load()
  },

  async readDraft(flowId) {
    return draftSchema.parse(await apiRequest('GET', `/api/flows/${encodeURIComponent(flowId)}`))
      .flow
  },
}))
