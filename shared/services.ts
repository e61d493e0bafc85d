import type { ComplianceService } from './compliance/index.ts'
import type { JsonValue } from './json.ts'

/**
 * The services a node reaches the world through (DESIGN §3). The runtime supplies real ones;
 * node tests pass fakes. A service a deployment does not offer throws ServiceUnavailableError,
 * which sends the node down its `error` port.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatRequest {
  messages: ChatMessage[]
  /** Provider name from the workspace settings; the default provider when omitted. */
  provider?: string
  model?: string
  temperature?: number
  maxTokens?: number
  /** Ask for a JSON object answer (OpenAI `response_format: json_object`). */
  isJson?: boolean
  timeoutMs?: number
  signal?: AbortSignal
  /**
   * Receives the tokens a streamed answer used, once the provider reports them. (A `chat`
   * answer carries its usage in the result.) The engine counts both per turn.
   */
  onUsage?: (usage: TokenUsage) => void
  /**
   * Receives which model answers a streamed request before its first delta; `isOffline` for the
   * built-in offline provider, which the UI labels. (A `chat` answer says so in its result.)
   */
  onModel?: (answeredBy: { model: string; isOffline: boolean }) => void
}

export interface TokenUsage {
  promptTokens: number
  completionTokens: number
}

export interface ChatResult {
  text: string
  model: string
  usage: TokenUsage
  /** True when the built-in offline provider answered (no model service configured). */
  isOffline: boolean
}

export interface LlmService {
  chat(request: ChatRequest): Promise<ChatResult>
  /** Yields text deltas as the model produces them. */
  chatStream(request: ChatRequest): AsyncIterable<string>
}

export interface KnowledgeHit {
  knowledgeBaseId: string
  documentId: string
  chunkId: string
  /** The chunk's text; for an FAQ pair, the answer. */
  text: string
  /** Higher is better; on the scale of the search mode (BM25 or reciprocal-rank fusion). */
  score: number
  /** The document's file name, for citations. */
  source?: string
  /** The FAQ question, or the heading path of the chunk's section. */
  title?: string
}

export type KnowledgeSearchMode = 'bm25' | 'dense' | 'hybrid'

export interface KnowledgeSearchRequest {
  query: string
  knowledgeBaseIds: string[]
  topK: number
  /** Default: hybrid when an embedding model is configured, else bm25. */
  mode?: KnowledgeSearchMode
  /** Only documents carrying at least one of these tags. */
  tags?: string[]
  /** Hits scoring below this are left out. */
  minScore?: number
}

/**
 * Knowledge-base search (`ctx.kb`).
 * @example const hits = await ctx.kb.search({ query: '怎么退货', knowledgeBaseIds: ['kb1'], topK: 3 })
 */
export interface KnowledgeService {
  search(request: KnowledgeSearchRequest): Promise<KnowledgeHit[]>
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string
  /** Per attempt, connection and whole response included (default 10 s). */
  timeoutMs?: number
  /** Extra attempts after a 5xx answer or a network error (default 0). */
  retries?: number
  /** Wait before the first retry; doubles for each further one (default 200 ms). */
  retryBaseDelayMs?: number
  /** A larger response body fails with OutboundRequestError `too_large` (default 1 MB). */
  maxResponseBytes?: number
  /** Redirects followed, each checked by the SSRF guard again (default 5, 0 = none). */
  maxRedirects?: number
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** The URL that answered, after redirects. */
  url?: string
  /** How many attempts it took (1 without retries). */
  attempts?: number
}

/**
 * Outbound HTTP with the SSRF guard: loopback, private, link-local and metadata addresses are
 * refused (OutboundBlockedError) unless allow-listed, checked on the resolved address that is
 * connected to and again on every redirect. Timeouts, network errors and oversized responses
 * throw OutboundRequestError; any HTTP status is a response.
 * @example const res = await ctx.http.request({ method: 'GET', url: 'https://crm.example.com/orders/1' })
 */
export interface HttpService {
  request(request: HttpRequest): Promise<HttpResponse>
}

export interface SandboxRequest {
  /** JavaScript source: a function body that may `return` a value and reads `input`. */
  code: string
  /** Given to the code as the global `input` (a JSON copy; nothing else is exposed). */
  input: JsonValue
  /** Default 100 ms; an endless loop is interrupted (SandboxError `timeout`). */
  timeoutMs?: number
  /** Default 32 MB; running out fails with SandboxError `memory`. */
  memoryLimitBytes?: number
}

/** Runs untrusted user code isolated from the server: no network, files, or host functions. */
export interface SandboxService {
  run(request: SandboxRequest): Promise<JsonValue>
}

/**
 * Looks secrets up by name (e.g. a CRM token), so flow JSON only ever holds the name. The
 * runtime reads the encrypted secrets store (/api/secrets) first, then `SECRET_<NAME>`
 * environment variables. Returns undefined for an unknown name.
 */
export interface SecretResolver {
  resolve(name: string): Promise<string | undefined>
}

/**
 * A KPI event a node records for its conversation: a CSAT answer (`csat`, value 1–5), the
 * comment that may follow it (`csat_comment`), or a conversion (`conversion`).
 */
export interface ConversationEventInput {
  type: 'csat' | 'csat_comment' | 'conversion'
  name: string
  value?: number | null
  detail?: JsonValue
}

/**
 * Records conversation events. They are committed with the turn, like messages: a step that
 * throws records nothing.
 * @example ctx.events.record({ type: 'conversion', name: 'order_paid', value: 199 })
 */
export interface EventService {
  record(event: ConversationEventInput): void
}

export const handoffPriorities = ['low', 'normal', 'high', 'urgent'] as const
export type HandoffPriority = (typeof handoffPriorities)[number]

/** Whether a queue can take a conversation now, and how long the wait would be. */
export interface HandoffAvailability {
  isAvailable: boolean
  /** Why not: outside the queue's business hours (or a holiday), or no agent of it online. */
  reason?: 'outside_hours' | 'no_agents'
  /** Agents of the queue online (presence online) now. */
  agentsOnline: number
  /** Conversations waiting in the queue now. */
  waiting: number
}

export interface HandoffRequest {
  queue: string
  reason: string
  priority: HandoffPriority
  /** The automatic summary agents read first (intent, entities, sentiment, what the bot tried). */
  summary: JsonValue
  /** Waiting longer than this ends the wait on the node's `unavailable` port; 0 = never. */
  timeoutMs: number
  /**
   * The place-in-queue message, sent now and again while the place changes; `{position}` and
   * `{minutes}` are filled in each time.
   */
  queueMessage: string
}

/** The customer's place in the queue when the request was made. */
export interface QueuePlace {
  position: number
  estimatedWaitMs: number
}

/**
 * Human handoff (`ctx.handoff`, DESIGN §8).
 * @example
 * const { isAvailable } = await ctx.handoff.check('after-sales')
 * if (isAvailable) await ctx.handoff.request({ queue: 'after-sales', ... }) // then return wait
 */
export interface HandoffService {
  /** Whether an agent of the queue could take the conversation now. */
  check(queue: string): Promise<HandoffAvailability>
  /**
   * Puts the conversation in the queue when this turn commits; the step must then return
   * `wait` (its `resume` gets the customer's messages while they wait). Nothing is queued if the
   * step throws or does not wait.
   */
  request(request: HandoffRequest): Promise<QueuePlace>
  /** Expected wait for a place in the queue, from recent handle times and agents online. */
  estimateWaitMs(queue: string, position: number): Promise<number>
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** IANA time zone used for dates the customer says ("明天下午三点"). */
  timeZone: string
}

export interface TraceService {
  /** Adds a note to this step's trace row (shown in the editor's trace and the API). */
  note(message: string, detail?: JsonValue): void
}

export interface NodeServices {
  compliance: ComplianceService
  llm: LlmService
  kb: KnowledgeService
  http: HttpService
  sandbox: SandboxService
  handoff: HandoffService
  secrets: SecretResolver
  clock: Clock
}
