import { z } from 'zod'
import { create } from 'zustand'
import { apiRequest, errorMessage } from '../api-client.ts'
import { flushDraft } from '../stores/draft-saver.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import type { TraceTurn } from './trace-path.ts'

const messageSchema = z.object({
  id: z.string(),
  role: z.enum(['customer', 'bot', 'agent', 'system']),
  text: z.string(),
  quickReplies: z.array(z.object({ label: z.string(), value: z.string().optional() })).optional(),
  nodeId: z.string().optional(),
})
export type ChatMessage = z.infer<typeof messageSchema>

const conversationSchema = z.object({
  id: z.string(),
  status: z.string(),
  variables: z.record(z.string(), z.unknown()),
  waitingNodeId: z.string().nullable(),
  messages: z.array(messageSchema),
})

const traceSchema = z.object({
  turns: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      durationMs: z.number(),
      steps: z.array(
        z.object({
          step: z.number(),
          nodeId: z.string(),
          nodeType: z.string(),
          port: z.string().nullable(),
          outcome: z.string(),
          durationUs: z.number(),
        }),
      ),
    }),
  ),
})

const startedSchema = z.object({ id: z.string() })

interface PreviewState {
  isOpen: boolean
  conversationId: string | null
  status: string | null
  messages: ChatMessage[]
  variables: Record<string, unknown>
  waitingNodeId: string | null
  turns: TraceTurn[]
  isBusy: boolean
  error: string | null
  locale: string
  setOpen(isOpen: boolean): void
  setLocale(locale: string): void
  start(flowId: string): Promise<void>
  send(text: string, payload?: string): Promise<void>
  reset(): void
}

const cleared = {
  conversationId: null,
  status: null,
  messages: [],
  variables: {},
  waitingNodeId: null,
  turns: [],
  isBusy: false,
  error: null,
}

/** The editor's test chat: a conversation on a snapshot of the current draft. */
export const usePreviewStore = create<PreviewState>((set, get) => {
  async function refresh(conversationId: string): Promise<void> {
    const [conversation, trace] = await Promise.all([
      apiRequest('GET', `/api/conversations/${conversationId}`),
      apiRequest('GET', `/api/conversations/${conversationId}/trace`),
    ])
    const view = conversationSchema.parse(conversation)
    set({
      conversationId,
      status: view.status,
      messages: view.messages,
      variables: view.variables,
      waitingNodeId: view.status === 'closed' ? null : view.waitingNodeId,
      turns: traceSchema.parse(trace).turns,
    })
  }

  async function guarded(work: () => Promise<void>): Promise<void> {
    set({ isBusy: true, error: null })
    try {
      await work()
    } catch (error) {
      set({ error: errorMessage(error) })
    } finally {
      set({ isBusy: false })
    }
  }

  return {
    ...cleared,
    isOpen: false,
    locale: 'zh-CN',
    setOpen(isOpen) {
      set({ isOpen })
    },
    setLocale(locale) {
      set({ locale })
    },
    start(flowId) {
      return guarded(async () => {
        set({ ...cleared, isBusy: true })
        // The server runs the stored draft: it must hold what the operator sees.
        if (!(await flushDraft())) {
          const { saveMessage, saveStatus } = useFlowDraftStore.getState()
          throw new Error(saveMessage || `draft ${saveStatus}`)
        }
        const started = startedSchema.parse(
          await apiRequest('POST', `/api/flows/${encodeURIComponent(flowId)}/test-conversations`, {
            locale: get().locale,
          }),
        )
        await refresh(started.id)
      })
    },
    send(text, payload) {
      const { conversationId } = get()
      if (!conversationId) return Promise.resolve()
      return guarded(async () => {
        await apiRequest('POST', `/api/conversations/${conversationId}/messages`, {
          text,
          ...(payload === undefined ? {} : { payload }),
        })
        await refresh(conversationId)
      })
    },
    reset() {
      set(cleared)
    },
  }
})
