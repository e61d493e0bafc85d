import { parseArgs } from 'node:util'
import { wholeNumber } from './whole-number.ts'

export interface BenchOptions {
  /** Print only the JSON line. */
  isJson: boolean
  /** Conversations in flight at once. */
  concurrency: number
  /** Measured conversations, each a create and seven messages. */
  conversations: number
  /** Conversations run before the measured ones and not counted; 0 for a cold server. */
  warmupConversations: number
  /** Conversations opened and left waiting to measure memory. */
  openConversations: number
  /** No phase starts new conversations after this many seconds. */
  maxSecondsPerPhase: number
  isEngineSkipped: boolean
  /** Run the server under `node --cpu-prof` and summarize where its time went. */
  isProfiling: boolean
}

export const benchUsage = `npm run bench -- [options]
  --json                 print only the JSON line
  --concurrency N        conversations in flight at once (16)
  --conversations N      measured conversations, 8 HTTP turns each (1500)
  --warmup               run 500 unmeasured conversations first
  --open-conversations N conversations opened and left waiting for the memory figure (10000)
  --max-seconds N        stop starting conversations in a phase after N s (60)
  --skip-engine          leave out the in-process engine measurement (bench/engine-turns.ts)
  --cpu-prof             profile the server (node --cpu-prof) and print its hot spots
  --help`

export function parseBenchOptions(args: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      conversations: { type: 'string' },
      warmup: { type: 'boolean', default: false },
      'open-conversations': { type: 'string' },
      'max-seconds': { type: 'string' },
      'skip-engine': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return 'help'
  const concurrency = wholeNumber(values.concurrency, 16)
  if (concurrency < 1 || concurrency > 1_000) throw new Error('--concurrency must be 1 to 1000')
  const conversations = wholeNumber(values.conversations, 1_500)
  const openConversations = wholeNumber(values['open-conversations'], 10_000)
  if (conversations > 1_000_000 || openConversations > 1_000_000) {
    throw new Error('at most 1,000,000 conversations per phase')
  }
  return {
    isJson: values.json,
    concurrency,
    conversations,
    warmupConversations: values.warmup ? 500 : 0,
    openConversations,
    maxSecondsPerPhase: Math.max(1, wholeNumber(values['max-seconds'], 60)),
    isEngineSkipped: values['skip-engine'],
    isProfiling: values['cpu-prof'],
  }
}
