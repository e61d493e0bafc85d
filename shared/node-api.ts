import type { z } from 'zod'
import type { JsonObject, JsonValue } from './json.ts'
import type { EventService, NodeServices, TraceService } from './services.ts'

export const nodeCategories = [
  'basic',
  'understand',
  'knowledge',
  'logic',
  'action',
  'guardrail',
  'handoff',
] as const
export type NodeCategory = (typeof nodeCategories)[number]

export interface LocalizedText {
  'zh-CN': string
  en: string
  [locale: string]: string
}

/**
 * UI hints a config schema field carries with zod's `.meta({ ui })`. The editor picks the input
 * from it; validateFlow checks `template` and `expression` fields for unknown variables.
 * - `template`: text with `{{ … }}` placeholders
 * - `expression`: a condition or value expression without braces (`vars.tries < 3`)
 * - `prompt`: a long template edited in Monaco
 * - `code`: source code edited in Monaco
 * - `table`: an array of objects edited as rows
 * - `variable`: the name of a flow variable
 * @example z.string().meta({ ui: 'expression' })
 */
export type UiHint = 'template' | 'expression' | 'prompt' | 'code' | 'table' | 'variable'

export type Resolution = 'resolved' | 'unresolved' | 'abandoned'

export interface QuickReply {
  label: string
  /** What the customer "says" when tapping it; the label when omitted. */
  value?: string
}

/** A bot message before it is stored. */
export interface OutgoingMessage {
  text: string
  quickReplies?: QuickReply[]
  meta?: JsonObject
}

/** What the customer (or a channel) sent for this turn. */
export interface InboundMessage {
  /** Empty for the start of a conversation. */
  text: string
  /** The quick-reply value when the customer tapped a button. */
  payload?: string
}

export interface TranscriptMessage {
  id: string
  role: 'customer' | 'bot' | 'agent' | 'system'
  text: string
  quickReplies?: QuickReply[]
  nodeId?: string
  createdAt: string
  meta?: JsonObject
}

/** Everything a template or condition may read (DESIGN §4, "Variables"). */
/** Read-only: a node changes variables through `ctx.setVariable`, never by writing here. */
export interface TemplateScope {
  /** The text of this turn's message. */
  readonly input: string
  readonly vars: Readonly<Record<string, JsonValue>>
  readonly user: Readonly<Record<string, JsonValue>>
  readonly nodes: Readonly<Record<string, JsonValue>>
  readonly sys: Readonly<Record<string, JsonValue>>
}

export interface NodeContext extends NodeServices {
  /** The node being run. */
  node: { id: string; type: string }
  message: InboundMessage
  /** The conversation's current locale (a node such as `language` may change it). */
  locale: string
  /** The flow's default locale. */
  defaultLocale: string
  /** Read-only view of every variable, as templates see it. */
  scope: TemplateScope
  /** Earlier messages of the conversation, oldest first (this turn's inbound one included). */
  history: readonly TranscriptMessage[]
  /** Customer profile (`user.*`). */
  profile: Readonly<Record<string, JsonValue>>
  /**
   * Writes a flow variable (`vars.<name>`). Committed only if this step succeeds.
   * @example ctx.setVariable('orderId', 'A1024')
   */
  setVariable(name: string, value: JsonValue): void
  /** Changes the conversation locale for this and later turns. */
  setLocale(locale: string): void
  /**
   * Sends a bot message to the customer. It passes the compliance policy first.
   * @example ctx.emit({ text: '您好，请问有什么可以帮您？' })
   */
  emit(message: OutgoingMessage): void
  /**
   * Streams a bot message: text is released sentence by sentence, each sentence only after it
   * passed the compliance policy. Resolves with the text the customer saw.
   * @example const shown = await ctx.emitStream(ctx.llm.chatStream({ messages }))
   */
  emitStream(chunks: AsyncIterable<string>, options?: { meta?: JsonObject }): Promise<string>
  /**
   * Renders a `{{ … }}` template against the scope. Throws ExpressionError on bad syntax.
   * @example ctx.render('您的订单 {{ vars.orderId }} 已发货')
   */
  render(template: string): string
  /** Evaluates a condition such as `input contains "退货" and vars.tries < 3`. */
  evaluate(condition: string): boolean
  /** Evaluates an expression to a value, e.g. `vars.tries + 1`. */
  evaluateValue(expression: string): JsonValue
  /** State this node saved when it last returned `wait` (for `resume`). */
  waitState: JsonValue | undefined
  /** What this node type's `prepare` made at publish (after `load`), else undefined. */
  prepared: unknown
  trace: TraceService
  /** KPI events (CSAT, conversions) committed with the turn; dropped if the step throws. */
  events: EventService
}

/** Follow the edge of `port`. */
export interface PortResult {
  port: string
  output?: JsonValue
}
/** Stop the turn and wait for the customer; `resume` gets the next message. */
export interface WaitResult {
  wait: { state?: JsonValue }
  output?: JsonValue
}
/** Close the conversation. */
export interface EndResult {
  end: { resolution: Resolution }
  output?: JsonValue
}
export type NodeResult = PortResult | WaitResult | EndResult

type MaybePromise<T> = T | Promise<T>

export interface NodeTypeDefinition<Schema extends z.ZodType = z.ZodType> {
  /** Unique name used in flow documents, e.g. `reply` or `acme-crm-lookup`. */
  type: string
  /** Bump when a saved config would change meaning, and add `migrateConfig`. */
  version: number
  category: NodeCategory
  titles: LocalizedText
  descriptions?: LocalizedText
  /** Config schema with defaults; the editor derives the node's form from it. */
  config: Schema
  /** Output ports for a config. Ports may depend on config (one per intent, …). */
  outputs(config: z.output<Schema>): string[]
  /** Whether a step of this node can stop the turn to wait for the customer (loop check). */
  canWait?: boolean
  run(ctx: NodeContext, config: z.output<Schema>): MaybePromise<NodeResult>
  /** Called with the next inbound message after `run` or `resume` returned `wait`. */
  resume?(ctx: NodeContext, config: z.output<Schema>): MaybePromise<NodeResult>
  /** Upgrades a config saved by an older `version` of this node type. */
  migrateConfig?(config: unknown, fromVersion: number): unknown
  /**
   * Work done once when the flow is published (or tried out in the editor), not on every turn:
   * e.g. training an intent classifier from the config's examples. The JSON it returns is
   * stored with the version. Throwing refuses the publish with a problem on this node.
   */
  prepare?(config: z.output<Schema>): MaybePromise<JsonValue>
  /**
   * Turns what `prepare` stored into what `run` and `resume` get as `ctx.prepared` (e.g. a
   * model object). Runs once each time the server loads the version; without it, nodes get the
   * stored JSON as it is.
   */
  load?(prepared: JsonValue, config: z.output<Schema>): unknown
}

export type NodeType<Schema extends z.ZodType = z.ZodType> = Readonly<NodeTypeDefinition<Schema>>

// biome-ignore lint/suspicious/noExplicitAny: a registry holds node types of every config shape
export type AnyNodeType = NodeType<any>

/**
 * Declares a node type. Built-in and custom node types use this same function.
 * @example
 * export default defineNode({
 *   type: 'greet', version: 1, category: 'basic',
 *   titles: { 'zh-CN': '问候', en: 'Greet' },
 *   config: z.object({ name: z.string().default('顾客') }),
 *   outputs: () => ['next'],
 *   run(ctx, config) {
 *     ctx.emit({ text: `您好，${config.name}` })
 *     return { port: 'next' }
 *   },
 * })
 */
export function defineNode<Schema extends z.ZodType>(
  definition: NodeTypeDefinition<Schema>,
): NodeType<Schema> {
  return Object.freeze({ ...definition })
}

/** Every port a node of this config can take, `error` included when the node can fail. */
export function portsOf(nodeType: AnyNodeType, config: unknown): string[] {
  return nodeType.outputs(config)
}

export function isWaitResult(result: NodeResult): result is WaitResult {
  return 'wait' in result
}
export function isEndResult(result: NodeResult): result is EndResult {
  return 'end' in result
}

/** Node types by `type`: the built-in ones and the custom ones of this deployment. */
export type NodeRegistry = ReadonlyMap<string, AnyNodeType>
