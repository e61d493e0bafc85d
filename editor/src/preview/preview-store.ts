import { z } from 'zod'
import { create } from 'zustand'
import { apiRequest, errorMessage } from '../api-client.ts'
import { listenLive } from '../console/live-events.ts'
import { flushDraft } from '../stores/draft-saver.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { applyTurnEvent, type ChatMessage, messageSchema } from './chat-messages.ts'
import { defaultCustomer, type SimulatedCustomer, startBody } from './simulated-customer.ts'
import { postTurn } from './stream-turn.ts'
import type { TraceTurn } from './trace-path.ts'

const turnResultSchema = z.object({ messages: z.array(messageSchema) })

const conversationSchema = z.object({
  id: z.string(),
  status: z.string(),
  variables: z.record(z.string(), z.unknown()),
  waitingNodeId: z.string().nullable(),
  profile: z.record(z.string(), z.unknown()).nullish(),
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

const liveMessageSchema = z.object({ seq: z.number(), message: messageSchema })
const liveStatusSchema = z.object({ status: z.string() })
const liveTypingSchema = z.object({ isTyping: z.boolean(), agentName: z.string() })

interface PreviewState {
  isOpen: boolean
  conversationId: string | null
  status: string | null
  messages: ChatMessage[]
  variables: Record<string, unknown>
  profile: Record<string, unknown>
  waitingNodeId: string | null
  turns: TraceTurn[]
  isBusy: boolean
  error: string | null
  /** The agent typing to the customer right now (from the customer stream), if any. */
  agentTyping: string | null
  locale: string
  customer: SimulatedCustomer
  setOpen(isOpen: boolean): void
  setLocale(locale: string): void
  setCustomer(customer: SimulatedCustomer): void
  start(flowId: string): Promise<void>
  send(text: string, payload?: string): Promise<void>
  reset(): void
}

const cleared = {
  conversationId: null,
  status: null,
  messages: [],
  variables: {},
  profile: {},
  waitingNodeId: null,
  turns: [],
  isBusy: false,
  agentTyping: null,
  error: null,
}

/** The editor's test chat: a conversation on a snapshot of the current draft. */
export const usePreviewStore = create<PreviewState>((set, get) => {
  let liveAbort: AbortController | undefined

  /**
   * Listens to the customer's side of the conversation: messages that arrive between turns
   * (an agent's reply, the queue place, the bot going on after a hand-back) and its status.
   */
  function listen(conversationId: string): void {
    liveAbort?.abort()
    const abort = new AbortController()
    liveAbort = abort
    void listenLive(
      `/api/conversations/${encodeURIComponent(conversationId)}/stream`,
      (event) => {
        if (get().conversationId !== conversationId) return
        const data: unknown = JSON.parse(event.data)
        if (event.event === 'message') {
          const parsed = liveMessageSchema.safeParse(data)
          if (!parsed.success) return
          const { message } = parsed.data
          const messages = get().messages
          if (messages.some((m) => m.id === message.id)) return
          // The customer's own message takes the place of its pending copy, keeping the order.
          const pending = messages.findIndex((m) => m.id === 'pending-customer')
          set({
            messages:
              message.role === 'customer' && pending !== -1
                ? messages.map((m, i) => (i === pending ? message : m))
                : [...messages, message],
          })
          if (message.role === 'agent') set({ agentTyping: null })
        } else if (event.event === 'status') {
          const parsed = liveStatusSchema.safeParse(data)
          if (parsed.success) set({ status: parsed.data.status })
        } else if (event.event === 'typing') {
          const parsed = liveTypingSchema.safeParse(data)
          if (parsed.success)
            set({ agentTyping: parsed.data.isTyping ? parsed.data.agentName : null })
        }
      },
      abort.signal,
    )
  }

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
      profile: view.profile ?? {},
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

  /** Runs one streamed turn; `done` is the truth, so the turn's messages become done's. */
  async function streamTurn(path: string, body: unknown): Promise<unknown> {
    const before = get().messages
    const result = await postTurn(path, body, (event) =>
      set({ messages: applyTurnEvent(get().messages, event) }),
    )
    const done = turnResultSchema.safeParse(result)
    if (done.success) set({ messages: [...before, ...done.data.messages] })
    return result
  }

  return {
    ...cleared,
    isOpen: false,
    locale: 'zh-CN',
    customer: defaultCustomer,
    setOpen(isOpen) {
      set({ isOpen })
    },
    setLocale(locale) {
      set({ locale })
    },
    setCustomer(customer) {
      set({ customer })
    },
    start(flowId) {
      return guarded(async () => {
        set({ ...cleared, isBusy: true })
        // The server runs the stored draft: it must hold what the operator sees.
        if (!(await flushDraft())) {
          const { saveMessage, saveStatus } = useFlowDraftStore.getState()
          throw new Error(saveMessage || `draft ${saveStatus}`)
        }
        const { customer, locale } = get()
        const started = startedSchema.parse(
          await streamTurn(
            `/api/flows/${encodeURIComponent(flowId)}/test-conversations`,
            startBody(customer, locale),
          ),
        )
        await refresh(started.id)
        listen(started.id)
      })
    },
    send(text, payload) {
      const { conversationId } = get()
      if (!conversationId) return Promise.resolve()
      return guarded(async () => {
        // Shown at once; the refresh after the turn brings the stored copy.
        set({ messages: [...get().messages, { id: 'pending-customer', role: 'customer', text }] })
        await streamTurn(`/api/conversations/${conversationId}/messages`, {
          text,
          ...(payload === undefined ? {} : { payload }),
        })
        await refresh(conversationId)
      })
    },
    reset() {
      liveAbort?.abort()
      set(cleared)
    },
  }
})
