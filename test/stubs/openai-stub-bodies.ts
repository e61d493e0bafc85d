/**
 * The response bodies of the OpenAI stub, shaped like OpenAI's own so the real SDK parses them.
 * Pure functions: openai-stub.ts decides what to answer, this file says how it looks on the wire.
 */

export interface StubToolCall {
  name: string
  /** A JSON string as OpenAI sends it, or an object the stub serializes for you. */
  arguments: string | Record<string, unknown>
}

/** What the assistant message holds once a scripted answer is resolved. */
export interface StubMessage {
  content: string | null
  toolCalls: StubToolCall[]
}

export interface StubCompletionMeta {
  id: string
  model: string
  created: number
  promptTokens: number
}

/** A rough token count: the stub only needs stable, plausible numbers. */
export function estimateStubTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

function toolCallId(index: number): string {
  return `call_stub_${index}`
}

function toolArguments(call: StubToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments)
}

function completionTokens(message: StubMessage): number {
  const argumentsText = message.toolCalls.map(toolArguments).join('')
  return estimateStubTokens((message.content ?? '') + argumentsText)
}

function usageOf(meta: StubCompletionMeta, message: StubMessage) {
  const completion = completionTokens(message)
  return {
    prompt_tokens: meta.promptTokens,
    completion_tokens: completion,
    total_tokens: meta.promptTokens + completion,
  }
}

export function completionBody(meta: StubCompletionMeta, message: StubMessage): string {
  const hasToolCalls = message.toolCalls.length > 0
  return JSON.stringify({
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: message.content,
          refusal: null,
          ...(hasToolCalls
            ? {
                tool_calls: message.toolCalls.map((call, index) => ({
                  id: toolCallId(index),
                  type: 'function',
                  function: { name: call.name, arguments: toolArguments(call) },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: hasToolCalls ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageOf(meta, message),
  })
}

/** Cuts text into pieces of `size` code points, so a CJK character is never split in two. */
export function splitIntoDeltas(text: string, size: number): string[] {
  const codePoints = Array.from(text)
  const deltas: string[] = []
  for (let start = 0; start < codePoints.length; start += size) {
    deltas.push(codePoints.slice(start, start + size).join(''))
  }
  return deltas
}

/**
 * The SSE events of a streamed completion, in OpenAI's order: a role delta, the content deltas,
 * tool call deltas (name first, then the arguments in pieces), the finish reason, then, when
 * asked with `stream_options.include_usage`, a usage chunk with no choices, then `[DONE]`.
 */
export function streamEvents(
  meta: StubCompletionMeta,
  message: StubMessage,
  options: { deltaSize: number; includeUsage: boolean },
): string[] {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      choices,
      ...extra,
    })}\n\n`
  const delta = (value: Record<string, unknown>, finishReason: string | null = null) =>
    chunk([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }])

  const events = [delta({ role: 'assistant', content: '' })]
  for (const piece of splitIntoDeltas(message.content ?? '', options.deltaSize)) {
    events.push(delta({ content: piece }))
  }
  message.toolCalls.forEach((call, index) => {
    events.push(
      delta({
        tool_calls: [
          {
            index,
            id: toolCallId(index),
            type: 'function',
            function: { name: call.name, arguments: '' },
          },
        ],
      }),
    )
    for (const piece of splitIntoDeltas(toolArguments(call), options.deltaSize * 4)) {
      events.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }))
    }
  })
  events.push(delta({}, message.toolCalls.length > 0 ? 'tool_calls' : 'stop'))
  if (options.includeUsage) events.push(chunk([], { usage: usageOf(meta, message) }))
  events.push('data: [DONE]\n\n')
  return events
}

export function errorBody(message: string, type: string, code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param: null, code } })
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const word = /[\p{L}\p{N}]+/gu

/** Character bigrams of CJK runs plus lower-cased words: texts sharing them land close. */
function embeddingFeatures(text: string): string[] {
  const lower = text.toLowerCase()
  const features: string[] = []
  for (const [run] of lower.matchAll(cjkRun)) {
    if (run.length === 1) features.push(run)
    for (let i = 0; i + 1 < run.length; i++) features.push(run.slice(i, i + 2))
  }
  for (const [token] of lower.replace(cjkRun, ' ').matchAll(word)) features.push(token)
  return features
}

/**
 * A deterministic unit vector from hashed text features (the hashing trick), so equal texts
 * get equal vectors and texts sharing words or bigrams score a higher cosine: enough for
 * knowledge-base tests to retrieve the sensible chunk without a model.
 */
export function stubEmbedding(text: string, dimension: number): Float32Array {
  const vector = new Float32Array(dimension)
  const features = embeddingFeatures(text)
  if (features.length === 0) {
    vector[0] = 1
    return vector
  }
  for (const feature of features) {
    const hash = fnv1a(feature)
    const bucket = hash % dimension
    vector[bucket] = (vector[bucket] ?? 0) + (hash & 0x80000000 ? -1 : 1)
  }
  let norm = 0
  for (const value of vector) norm += value * value
  norm = Math.sqrt(norm)
  if (norm === 0) {
    vector[0] = 1
    return vector
  }
  for (let i = 0; i < dimension; i++) vector[i] = (vector[i] ?? 0) / norm
  return vector
}

export function embeddingsBody(options: {
  inputs: string[]
  model: string
  dimension: number
  isBase64: boolean
}): string {
  let promptTokens = 0
  const data = options.inputs.map((input, index) => {
    promptTokens += estimateStubTokens(input)
    const vector = stubEmbedding(input, options.dimension)
    return {
      object: 'embedding',
      index,
      // The SDK asks for base64 (little-endian float32) unless the caller names a format.
      embedding: options.isBase64
        ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
        : Array.from(vector),
    }
  })
  return JSON.stringify({
    object: 'list',
    data,
    model: options.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  })
}
