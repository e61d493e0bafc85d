import { VariableInvalidError } from './errors.ts'
import { evaluateCondition, evaluateExpression, renderTemplate } from './expression/index.ts'
import type { VariableType } from './flow-schema.ts'
import type { JsonObject, JsonValue } from './json.ts'
import type {
  InboundMessage,
  NodeContext,
  OutgoingMessage,
  TemplateScope,
  TranscriptMessage,
} from './node-api.ts'
import { splitSentences } from './sentences.ts'
import type { ConversationEventInput, NodeServices } from './services.ts'

/** What one step wants to change; applied only when the step returns without throwing. */
export interface StepEffects {
  variables: Map<string, JsonValue>
  messages: StepMessage[]
  locale?: string
  notes: { message: string; detail?: JsonValue }[]
  events: ConversationEventInput[]
}

export interface StepMessage extends OutgoingMessage {
  /** Streamed messages were checked sentence by sentence already. */
  isCompliant: boolean
}

/**
 * Receives each streamed sentence; returns what the customer may see, or null when blocked.
 * `streamId` is also put in the final message's `meta.streamId`, so a client can replace the
 * text it built from deltas with the stored message.
 */
export type SentenceReleaser = (sentence: string, streamId: string) => Promise<string | null>

export interface NodeContextOptions {
  node: { id: string; type: string }
  message: InboundMessage
  locale: string
  defaultLocale: string
  scope: TemplateScope
  history: readonly TranscriptMessage[]
  services: NodeServices
  declaredVariables: ReadonlyMap<string, VariableType>
  waitState?: JsonValue
  prepared?: unknown
  /** Streams each released sentence on; by default sentences are only collected. */
  releaseSentence?: SentenceReleaser
}

export function emptyStepEffects(): StepEffects {
  return { variables: new Map(), messages: [], notes: [], events: [] }
}

/**
 * Builds the `ctx` a node runs with. The engine and node tests share it, so a node behaves the
 * same in both. Returns the effects the step collects.
 */
export function createNodeContext(options: NodeContextOptions): {
  ctx: NodeContext
  effects: StepEffects
} {
  const effects = emptyStepEffects()
  const vars: Record<string, JsonValue> = { ...options.scope.vars }
  // Copies, so that a node writing into the scope against its type cannot change the
  // conversation: only effects of a step that succeeds are applied.
  const scope: TemplateScope = {
    input: options.scope.input,
    vars,
    user: { ...options.scope.user },
    nodes: { ...options.scope.nodes },
    sys: { ...options.scope.sys },
  }
  const release: SentenceReleaser = options.releaseSentence ?? (async (sentence) => sentence)
  const ctx: NodeContext = {
    ...options.services,
    node: options.node,
    message: options.message,
    locale: options.locale,
    defaultLocale: options.defaultLocale,
    scope,
    history: options.history,
    profile: scope.user,
    waitState: options.waitState,
    prepared: options.prepared,
    setVariable(name, value) {
      const type = options.declaredVariables.get(name)
      const coerced = type ? coerceVariable(name, type, value) : value
      vars[name] = coerced
      effects.variables.set(name, coerced)
    },
    setLocale(locale) {
      effects.locale = locale
      ctx.locale = locale
    },
    emit(message) {
      effects.messages.push({ ...message, isCompliant: false })
    },
    async emitStream(chunks, streamOptions) {
      // Unique across processes, so a client never mixes up two streams.
      const streamId = globalThis.crypto.randomUUID()
      let buffer = ''
      let shown = ''
      let isBlocked = false
      const releaseAll = async (sentences: string[]) => {
        for (const sentence of sentences) {
          const passed = await release(sentence, streamId)
          if (passed === null) {
            isBlocked = true
            return
          }
          shown += passed
        }
      }
      for await (const chunk of chunks) {
        buffer += chunk
        const { sentences, rest } = splitSentences(buffer)
        buffer = rest
        await releaseAll(sentences)
        if (isBlocked) break
      }
      if (!isBlocked && buffer.trim() !== '') await releaseAll([buffer])
      const meta: JsonObject = { ...streamOptions?.meta, isStreamed: true, streamId }
      if (isBlocked) meta.isTruncatedByCompliance = true
      effects.messages.push({ text: shown, meta, isCompliant: true })
      return shown
    },
    render: (template) => renderTemplate(template, scope),
    evaluate: (condition) => evaluateCondition(condition, scope),
    evaluateValue: (expression) => evaluateExpression(expression, scope),
    trace: {
      note(message, detail) {
        effects.notes.push(detail === undefined ? { message } : { message, detail })
      },
    },
    events: {
      record(event) {
        effects.events.push(event)
      },
    },
  }
  return { ctx, effects }
}

/** Holds declared variables to their type; numbers and booleans typed as text are converted. */
export function coerceVariable(name: string, type: VariableType, value: JsonValue): JsonValue {
  if (value === null) return null
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value
      if (typeof value === 'number' || typeof value === 'boolean') return String(value)
      break
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
        return Number(value)
      }
      break
    case 'boolean':
      if (typeof value === 'boolean') return value
      if (value === 'true') return true
      if (value === 'false') return false
      break
    case 'json':
      return value
    default: {
      const unknownType: never = type
      throw new Error(`unknown variable type ${String(unknownType)}`)
    }
  }
  throw new VariableInvalidError(name, type, value)
}
