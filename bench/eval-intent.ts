/**
 * Measures the intent node on a labelled data set, through the node type's real prepare, load
 * and run, so the figures are those of what ships. See docs/quality.md.
 *
 *   npm run eval:intent -- --train TRAIN.jsonl --test TEST.jsonl [--mode local|llm|hybrid]
 *     [--threshold T] [--holdout-intents K] [--json]
 */
import { parseArgs } from 'node:util'
import { MIN_EXAMPLES } from '../nodes/intent/config.ts'
import intent from '../nodes/intent/index.ts'
import { createLlmService, loadProvidersFromEnv } from '../runtime/services/llm/index.ts'
import { type JsonValue, type LlmService, testContext } from '../shared/index.ts'
import { groupByLabel, holdOut, pickHoldoutIntents, readJsonLines } from './eval-intent-data.ts'
import { type Prediction, scorePredictions } from './eval-intent-metrics.ts'

const usage = `npm run eval:intent -- --train TRAIN.jsonl --test TEST.jsonl [options]
  --mode local|llm|hybrid  classifier mode (local); llm/hybrid use LLM_BASE_URL, LLM_API_KEY, LLM_MODEL
  --threshold T            confidence threshold 0-1 (the node's default)
  --holdout-intents K      remove K intents from training, their test lines become "oos"
  --json                   print only the JSON line`

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      mode: { type: 'string', default: 'local' },
      threshold: { type: 'string' },
      'holdout-intents': { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help || !values.train || !values.test) return undefined
  const holdoutIntents = Number(values['holdout-intents'])
  if (!Number.isInteger(holdoutIntents) || holdoutIntents < 0) {
    throw new Error('--holdout-intents must be a whole number')
  }
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold)
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    throw new Error('--threshold must be between 0 and 1')
  }
  return { ...values, train: values.train, test: values.test, holdoutIntents, threshold }
}

/**
 * CPU time of this process (user + system) since `start`, in ms. Wall-clock figures on a shared
 * machine include time the process waited for a core; CPU time does not, so both are printed.
 */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

function log(isJson: boolean, message: string) {
  if (!isJson) console.log(message)
  else console.error(message)
}

async function main() {
  const options = parseOptions(process.argv.slice(2))
  if (!options) {
    console.log(usage)
    return
  }
  const raw = { train: readJsonLines(options.train), test: readJsonLines(options.test) }
  const heldOut = pickHoldoutIntents(
    raw.train.map((line) => line.label),
    options.holdoutIntents,
  )
  const { train, test } = holdOut(raw.train, raw.test, heldOut)
  const groups = [...groupByLabel(train)]
  // The node refuses intents with fewer examples (a publish problem); the data sets have a few
  // such labels, which then simply are not trained (their test lines, if any, count as misses).
  const skipped = groups.filter(([, texts]) => texts.length < MIN_EXAMPLES).map(([label]) => label)
  if (heldOut.length > 0) log(options.json, `held out: ${heldOut.join(', ')}`)
  if (skipped.length > 0)
    log(options.json, `not trained (< ${MIN_EXAMPLES} examples): ${skipped.join(', ')}`)
  const config = intent.config.parse({
    mode: options.mode,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    intents: groups
      .filter(([, texts]) => texts.length >= MIN_EXAMPLES)
      .map(([name, examples]) => ({ name, examples })),
  })

  const trainStart = performance.now()
  const trainCpuStart = process.cpuUsage()
  const stored: JsonValue = JSON.parse(JSON.stringify((await intent.prepare?.(config)) ?? null))
  const prepared = intent.load?.(stored, config)
  const trainMs = performance.now() - trainStart
  const trainCpuMs = cpuMsSince(trainCpuStart)
  // Collect training's garbage now (when run with --expose-gc), not inside a measured message.
  if ('gc' in globalThis && typeof globalThis.gc === 'function') globalThis.gc()

  const llm: LlmService = createLlmService({ providers: loadProvidersFromEnv(process.env) })
  const predictions: Prediction[] = []
  const errors: string[] = []
  for (const line of test) {
    const ctx = testContext({
      text: line.text,
      prepared,
      llm,
      node: { id: 'intent', type: 'intent' },
    })
    const start = performance.now()
    const cpuStart = process.cpuUsage()
    let port: string
    try {
      const result = await intent.run(ctx, config)
      port = 'port' in result ? result.port : 'error'
    } catch (error) {
      // What the engine would do: the node threw, so it takes its error port.
      port = 'error'
      errors.push(error instanceof Error ? error.message : String(error))
    }
    const ms = performance.now() - start
    predictions.push({ label: line.label, port, ms, cpuMs: cpuMsSince(cpuStart) })
  }
  const scores = {
    ...scorePredictions(predictions),
    trainMs: Math.round(trainMs),
    trainCpuMs: Math.round(trainCpuMs),
  }
  if (!options.json) {
    log(
      false,
      `${options.mode} mode, threshold ${config.threshold}, ${config.intents.length} intents`,
    )
  }
  if (errors.length > 0) {
    log(options.json, `${errors.length} lines took the error port, first: ${errors[0]}`)
  }
  console.log(JSON.stringify(scores))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
