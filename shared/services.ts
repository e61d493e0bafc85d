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
  text: string
  score: number
  source?: string
}

export interface KnowledgeService {
  search(request: {
    query: string
    knowledgeBaseIds: string[]
    topK: number
  }): Promise<KnowledgeHit[]>
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs?: number
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** Outbound HTTP with the SSRF guard (private and loopback addresses refused unless allowed). */
export interface HttpService {
  request(request: HttpRequest): Promise<HttpResponse>
}

export interface SandboxService {
  run(request: { code: string; input: JsonValue; timeoutMs?: number }): Promise<JsonValue>
}

export interface HandoffService {
  /** Whether an agent of the queue could take the conversation now. */
  isAvailable(queue: string): Promise<boolean>
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
  llm: LlmService
  kb: KnowledgeService
  http: HttpService
  sandbox: SandboxService
  handoff: HandoffService
  clock: Clock
}
