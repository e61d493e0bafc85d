import { ServiceUnavailableError } from './errors.ts'
import type { VariableType } from './flow-schema.ts'
import type { JsonValue } from './json.ts'
import type { NodeContext, TranscriptMessage } from './node-api.ts'
import { createNodeContext, type SentenceReleaser, type StepEffects } from './node-context.ts'
import type { Clock, NodeServices } from './services.ts'

export interface TestContextOptions extends Partial<NodeServices> {
  text?: string
  payload?: string
  vars?: Record<string, JsonValue>
  declaredVariables?: Record<string, VariableType>
  user?: Record<string, JsonValue>
  nodes?: Record<string, JsonValue>
  sys?: Record<string, JsonValue>
  locale?: string
  defaultLocale?: string
  history?: TranscriptMessage[]
  waitState?: JsonValue
  /** What the node type's prepare (and load) would give the node at run time. */
  prepared?: unknown
  node?: { id: string; type: string }
  releaseSentence?: SentenceReleaser
}

export type TestNodeContext = NodeContext & { effects: StepEffects }

/** A fixed clock: 2026-01-01 10:00 in Shanghai unless told otherwise. */
export function fixedClock(isoTime = '2026-01-01T02:00:00Z', timeZone = 'Asia/Shanghai'): Clock {
  const time = Date.parse(isoTime)
  return { now: () => time, timeZone }
}

function unavailable(service: string): never {
  throw new ServiceUnavailableError(service, 'not provided in this test')
}

/**
 * A node context for unit tests: real templates and effects, fake services. Pass fakes for the
 * services the node under test uses; the others throw ServiceUnavailableError.
 * @example
 * const ctx = testContext({ text: '我想退货', vars: { tries: 0 } })
 * const result = await reply.run(ctx, config)
 * expect(ctx.effects.messages[0]?.text).toBe('好的')
 */
export function testContext(options: TestContextOptions = {}): TestNodeContext {
  const services: NodeServices = {
    llm: options.llm ?? {
      chat: async () => unavailable('llm'),
      chatStream: () => unavailable('llm'),
    },
    kb: options.kb ?? { search: async () => unavailable('kb') },
    http: options.http ?? { request: async () => unavailable('http') },
    sandbox: options.sandbox ?? { run: async () => unavailable('sandbox') },
    handoff: options.handoff ?? {
      check: async () => unavailable('handoff'),
      request: async () => unavailable('handoff'),
      estimateWaitMs: async () => unavailable('handoff'),
    },
    secrets: options.secrets ?? { resolve: async () => unavailable('secrets') },
    compliance: options.compliance ?? { check: async () => unavailable('compliance') },
    clock: options.clock ?? fixedClock(),
  }
  const text = options.text ?? ''
  const { ctx, effects } = createNodeContext({
    node: options.node ?? { id: 'node1', type: 'test' },
    message: options.payload === undefined ? { text } : { text, payload: options.payload },
    locale: options.locale ?? options.defaultLocale ?? 'zh-CN',
    defaultLocale: options.defaultLocale ?? 'zh-CN',
    scope: {
      input: text,
      vars: options.vars ?? {},
      user: options.user ?? {},
      nodes: options.nodes ?? {},
      sys: options.sys ?? { conversationId: 'test-conversation', channel: 'api' },
    },
    history: options.history ?? [],
    services,
    declaredVariables: new Map(Object.entries(options.declaredVariables ?? {})),
    waitState: options.waitState,
    prepared: options.prepared,
    releaseSentence: options.releaseSentence,
  })
  return Object.assign(ctx, { effects })
}
