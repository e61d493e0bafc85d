import { create } from 'zustand'
import { ApiError, apiRequest, errorMessage } from '../api-client.ts'
import {
  type CannedResponse,
  type ConversationView,
  cannedSchema,
  conversationViewSchema,
  type QueueSnapshot,
  queueSnapshotSchema,
} from './console-api.ts'
import { listenLive } from './live-events.ts'

interface ConsoleState {
  snapshot: QueueSnapshot | null
  /** When the snapshot arrived (local clock), to let wait times tick between snapshots. */
  receivedAtMs: number
  selectedId: string | null
  view: ConversationView | null
  canned: CannedResponse[]
  error: string | null
  /** Who has a conversation this agent tried to claim too late. */
  claimedBy: string | null
  connect(): () => void
  select(conversationId: string | null): void
  setPresence(status: 'online' | 'away' | 'offline'): Promise<void>
  claim(conversationId: string): Promise<void>
  reply(text: string): Promise<void>
  typing(isTyping: boolean): void
  note(text: string): Promise<void>
  transfer(to: { queue: string } | { agentId: string }): Promise<void>
  close(resolutionCode: string, resolution: 'resolved' | 'unresolved'): Promise<void>
  returnToBot(): Promise<void>
}

const path = (id: string, action = '') =>
  `/api/agent/conversations/${encodeURIComponent(id)}${action ? `/${action}` : ''}`

/** The agent console: the live queue, the open conversation and the agent's actions. */
export const useConsoleStore = create<ConsoleState>((set, get) => {
  let viewAbort: AbortController | undefined
  let lastTypingMs = 0

  async function loadView(conversationId: string): Promise<void> {
    const view = conversationViewSchema.parse(await apiRequest('GET', path(conversationId)))
    if (get().selectedId === conversationId) set({ view })
  }

  async function guarded(work: () => Promise<void>): Promise<void> {
    set({ error: null })
    try {
      await work()
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  }

  return {
    snapshot: null,
    receivedAtMs: 0,
    selectedId: null,
    view: null,
    canned: [],
    error: null,
    claimedBy: null,
    connect() {
      const abort = new AbortController()
      void listenLive(
        '/api/agent/stream',
        (event) => {
          if (event.event !== 'queue') return
          const parsed = queueSnapshotSchema.safeParse(JSON.parse(event.data))
          if (parsed.success) set({ snapshot: parsed.data, receivedAtMs: Date.now() })
        },
        abort.signal,
      )
      // Opening the console means being at work: an agent seen for the first time goes online.
      void apiRequest('GET', '/api/agent/queue')
        .then(async (body) => {
          const snapshot = queueSnapshotSchema.parse(body)
          if (snapshot.me === null)
            await apiRequest('PUT', '/api/agent/presence', { status: 'online' })
        })
        .catch((error: unknown) => set({ error: errorMessage(error) }))
      void apiRequest('GET', '/api/agent/canned-responses')
        .then((body) => set({ canned: cannedSchema.parse(body).cannedResponses }))
        .catch((error: unknown) => set({ error: errorMessage(error) }))
      return () => abort.abort()
    },
    select(conversationId) {
      viewAbort?.abort()
      set({ selectedId: conversationId, view: null, claimedBy: null })
      if (!conversationId) return
      const abort = new AbortController()
      viewAbort = abort
      // Every change (a customer message, a note, a transfer) arrives as `changed`: read again.
      void listenLive(
        path(conversationId, 'stream'),
        () => {
          loadView(conversationId).catch((error: unknown) => set({ error: errorMessage(error) }))
        },
        abort.signal,
      )
    },
    setPresence(status) {
      return guarded(async () => {
        await apiRequest('PUT', '/api/agent/presence', { status })
      })
    },
    claim(conversationId) {
      return guarded(async () => {
        try {
          await apiRequest('POST', path(conversationId, 'claim'))
          set({ claimedBy: null })
          get().select(conversationId)
        } catch (error) {
          if (error instanceof ApiError && error.code === 'handoff_claimed') {
            const details = error.details
            const name =
              typeof details === 'object' && details !== null && 'agentName' in details
                ? String(details.agentName)
                : ''
            set({ claimedBy: name })
            return
          }
          throw error
        }
      })
    },
    reply(text) {
      const id = get().selectedId
      if (!id) return Promise.resolve()
      return guarded(async () => {
        await apiRequest('POST', path(id, 'messages'), { text })
        lastTypingMs = 0
      })
    },
    typing(isTyping) {
      const id = get().selectedId
      // At most one "typing" every three seconds; "stopped" goes at once.
      if (!id || (isTyping && Date.now() - lastTypingMs < 3000)) return
      lastTypingMs = isTyping ? Date.now() : 0
      void apiRequest('POST', path(id, 'typing'), { isTyping }).catch(() => {})
    },
    note(text) {
      const id = get().selectedId
      if (!id) return Promise.resolve()
      return guarded(async () => {
        await apiRequest('POST', path(id, 'notes'), { text })
      })
    },
    transfer(to) {
      const id = get().selectedId
      if (!id) return Promise.resolve()
      return guarded(async () => {
        await apiRequest('POST', path(id, 'transfer'), to)
        get().select(null)
      })
    },
    close(resolutionCode, resolution) {
      const id = get().selectedId
      if (!id) return Promise.resolve()
      return guarded(async () => {
        await apiRequest('POST', path(id, 'close'), { resolutionCode, resolution })
        await loadView(id)
      })
    },
    returnToBot() {
      const id = get().selectedId
      if (!id) return Promise.resolve()
      return guarded(async () => {
        await apiRequest('POST', path(id, 'return'))
        await loadView(id)
      })
    },
  }
})
