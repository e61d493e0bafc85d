import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { builtinNodeTypes } from '../nodes/index.ts'
import { Engine } from '../runtime/engine/index.ts'
import { createLlmService } from '../runtime/services/llm/index.ts'
import { createNodeServices } from '../runtime/services/node-services.ts'
import { ConversationStore, FlowStore, openDatabase } from '../runtime/storage/index.ts'
import { validateFlow } from '../shared/index.ts'
import { ErrorLog } from './conversation-script.ts'
import { LatencyRecorder, type LatencySummary, round } from './latency-recorder.ts'
import { goodbyeText, sixNodeFlow, sixNodeFlowId } from './six-node-flow.ts'
import { wholeNumber } from './whole-number.ts'

export interface EngineBenchOptions {
  /** Measured conversations, run one after another. */
  conversations: number
  /** Customer messages per conversation before the goodbye that closes it. */
  messagesPerConversation: number
  /** Conversations run first and not measured, so the JIT has compiled the hot paths. */
  warmupConversations: number
  /** Stop starting conversations after this long. */
  maxSeconds: number
}

export interface EngineBenchResult extends LatencySummary {
  turnsPerSecond: number
  conversations: number
  errors: number
  errorSamples: string[]
}

export const defaultEngineBenchOptions = {
  conversations: 300,
  messagesPerConversation: 20,
  warmupConversations: 100,
  maxSeconds: 60,
} satisfies EngineBenchOptions

/**
 * Engine overhead per turn (DESIGN §13): the real Engine on a real SQLite file in a temp dir, no
 * HTTP, one turn at a time. A turn is timed from the call to `startConversation` or
 * `postMessage` to its committed result, so the figure includes the SQLite transaction.
 */
export async function measureEngineTurns(
  options: EngineBenchOptions = defaultEngineBenchOptions,
): Promise<EngineBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-engine-'))
  const database = openDatabase(join(dir, 'switchboard.db'))
  try {
    const flows = new FlowStore(database)
    const registry = new Map(builtinNodeTypes.map((type) => [type.type, type]))
    const validated = validateFlow(sixNodeFlow(), registry)
    if (!validated.flow || validated.problems.some((p) => p.severity === 'error')) {
      throw new Error(`the six-node flow is invalid: ${JSON.stringify(validated.problems)}`)
    }
    await flows.create(validated.flow)
    await flows.publish(validated.flow, 'bench')
    const engine = new Engine({
      flows,
      conversations: new ConversationStore(database),
      registry,
      services: createNodeServices({ llm: createLlmService({ providers: [] }) }),
    })
    const turnsPerConversation = options.messagesPerConversation + 2
    const errors = new ErrorLog()
    const warmup = new LatencyRecorder(options.warmupConversations * turnsPerConversation)
    for (let i = 0; i < options.warmupConversations; i++) {
      await runConversation(engine, options.messagesPerConversation, warmup, errors)
    }
    const latencies = new LatencyRecorder(options.conversations * turnsPerConversation)
    const startedAt = performance.now()
    const deadline = startedAt + options.maxSeconds * 1000
    let conversations = 0
    while (conversations < options.conversations && performance.now() < deadline) {
      await runConversation(engine, options.messagesPerConversation, latencies, errors)
      conversations++
    }
    const elapsedMs = performance.now() - startedAt
    return {
      ...latencies.summarize(),
      turnsPerSecond: round((latencies.count / elapsedMs) * 1000, 0),
      conversations,
      errors: errors.count,
      errorSamples: errors.samples,
    }
  } finally {
    database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function runConversation(
  engine: Engine,
  messages: number,
  latencies: LatencyRecorder,
  errors: ErrorLog,
): Promise<void> {
  let startedAt = performance.now()
  const opened = await engine.startConversation({
    flowId: sixNodeFlowId,
    profile: { name: '王女士' },
  })
  latencies.record(performance.now() - startedAt)
  for (let i = 0; i <= messages; i++) {
    const text = i < messages ? `第 ${i + 1} 个问题：我的快递到哪了？` : goodbyeText
    startedAt = performance.now()
    const result = await engine.postMessage(opened.conversationId, { text })
    latencies.record(performance.now() - startedAt)
    const expected = i < messages ? 'active' : 'closed'
    if (result.status !== expected) {
      errors.add(`message ${i + 1} left the conversation ${result.status}, not ${expected}`)
      return
    }
  }
}

/** `tsx bench/engine-turns.ts [--json] [--conversations N] [--messages N] [--warmup N]` */
async function runAsScript(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      conversations: { type: 'string' },
      messages: { type: 'string' },
      warmup: { type: 'string' },
    },
  })
  const result = await measureEngineTurns({
    conversations: wholeNumber(values.conversations, defaultEngineBenchOptions.conversations),
    messagesPerConversation: wholeNumber(
      values.messages,
      defaultEngineBenchOptions.messagesPerConversation,
    ),
    warmupConversations: wholeNumber(values.warmup, defaultEngineBenchOptions.warmupConversations),
    maxSeconds: defaultEngineBenchOptions.maxSeconds,
  })
  if (!values.json) {
    process.stdout.write(
      `engine, six-node flow, one turn at a time: ${result.count} turns, ` +
        `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.turnsPerSecond} turns/s\n`,
    )
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  if (result.errors > 0) process.exitCode = 1
}

const scriptPath = process.argv[1]
if (scriptPath !== undefined && resolve(scriptPath) === fileURLToPath(import.meta.url)) {
  runAsScript(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  })
}
