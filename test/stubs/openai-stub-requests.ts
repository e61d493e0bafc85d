import type { IncomingMessage } from 'node:http'
import type { StubMessage, StubToolCall } from './openai-stub-bodies.ts'

// What the OpenAI stub receives and how a script answers it; openai-stub.ts serves them.

/**
 * One scripted answer to a chat completion. Every kind works with and without `stream: true`.
 * `delayMs` waits before the first byte; `chunkDelayMs` spaces streamed deltas.
 */
export type StubAnswer =
  | { text: string; delayMs?: number; chunkDelayMs?: number }
  | { json: Record<string, unknown>; delayMs?: number; chunkDelayMs?: number }
  | { toolCalls: StubToolCall[]; text?: string; delayMs?: number; chunkDelayMs?: number }
  | { error: { status: number; message: string; type?: string; code?: string }; delayMs?: number }
  /** A 200 whose JSON body is cut short, or an SSE stream whose chunk is not JSON. */
  | { garbage: true; delayMs?: number }
  /** Never answers; the connection stays open until the client gives up or the stub closes. */
  | { hang: true }

export interface RecordedRequest {
  method: string
  path: string
  /** Lower-case header names, as node:http gives them. */
  headers: Record<string, string>
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown
}

/** A chat completion request as a script function sees it. */
export interface StubChatRequest extends RecordedRequest {
  model: string
  messages: { role: string; content: string }[]
  lastUserText: string
  isStream: boolean
  isJson: boolean
  toolNames: string[]
}

export type StubReply =
  | string
  | StubAnswer
  | ((request: StubChatRequest) => StubAnswer | Promise<StubAnswer>)

export function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

export function parseBody(raw: string): unknown {
  if (raw === '') return undefined
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('')
}

export function toChatRequest(
  recorded: RecordedRequest,
  body: Record<string, unknown>,
): StubChatRequest {
  const messages = (Array.isArray(body.messages) ? body.messages : []).map((message) => ({
    role: isRecord(message) && typeof message.role === 'string' ? message.role : '',
    content: isRecord(message) ? contentText(message.content) : '',
  }))
  const responseFormat = isRecord(body.response_format) ? body.response_format.type : undefined
  const tools = Array.isArray(body.tools) ? body.tools : []
  return {
    ...recorded,
    model: typeof body.model === 'string' ? body.model : 'gpt-4o-mini',
    messages,
    lastUserText: messages.findLast((message) => message.role === 'user')?.content ?? '',
    isStream: body.stream === true,
    isJson: responseFormat === 'json_object' || responseFormat === 'json_schema',
    toolNames: tools.flatMap((tool) =>
      isRecord(tool) && isRecord(tool.function) && typeof tool.function.name === 'string'
        ? [tool.function.name]
        : [],
    ),
  }
}

export function defaultAnswer(request: StubChatRequest): StubAnswer {
  const echo = Array.from(request.lastUserText).slice(0, 40).join('')
  return request.isJson ? { json: { echo } } : { text: `Echo: ${echo}` }
}

export function toMessage(answer: StubAnswer): StubMessage | undefined {
  if ('toolCalls' in answer) return { content: answer.text ?? null, toolCalls: answer.toolCalls }
  if ('json' in answer) return { content: JSON.stringify(answer.json), toolCalls: [] }
  if ('text' in answer) return { content: answer.text, toolCalls: [] }
  return undefined
}
