import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildServerIfStale } from '../scripts/build.mjs'
import type { Experiment, ExperimentResults } from '../shared/index.ts'
import { experimentFlow } from '../test/support/experiment-flow.ts'
import { type ServerProcess, startServerProcess } from '../test/support/server-process.ts'
import { type ApiCall, ApiCallError, apiClient } from './simulate/api-client.ts'
import { formatResults } from './simulate/format-results.ts'
import { simulateCustomers } from './simulate/simulate-customers.ts'
import {
  parseSimulateOptions,
  type SimulateOptions,
  simulateUsage,
} from './simulate/simulate-options.ts'

/** Conversations per channel API key: about one rate-limit burst each (docs/security.md). */
const conversationsPerKey = 30

/**
 * `npm run simulate`: synthetic customers through the real API against a flow or experiment,
 * with behaviour per variant, then the experiment's results (docs/experiments.md).
 */
async function main(args: string[]): Promise<number> {
  const options = parseSimulateOptions(args)
  if (options === 'help') {
    process.stdout.write(`${simulateUsage}\n`)
    return 0
  }
  const progress = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`)
  }
  let server: ServerProcess | undefined
  let dataDir: string | undefined
  let url = options.url
  let token = options.token ?? process.env.SWITCHBOARD_ADMIN_TOKEN
  if (!url) {
    await buildServerIfStale()
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-simulate-'))
    token = randomBytes(24).toString('hex')
    progress('starting a server in a temporary data directory…')
    server = await startServerProcess({
      DATA_DIR: dataDir,
      SWITCHBOARD_ADMIN_TOKEN: token,
      LOAD_EXAMPLES: 'false',
    })
    url = server.url
  }
  if (!token) throw new Error('--token (or SWITCHBOARD_ADMIN_TOKEN) is needed with --url')
  try {
    const call = apiClient(url, token)
    const runId = randomBytes(4).toString('hex')
    const { flowId, experiment } = await target(call, options, runId, progress)
    const keys = await channelKeys(call, flowId, options.conversations, token)
    progress(
      `simulating ${options.conversations} customers on flow ${flowId}${experiment ? ` (experiment ${experiment.name})` : ''} with ${keys.length} API key(s)…`,
    )
    const startedMs = performance.now()
    const tallies = await simulateCustomers({
      call,
      keys,
      flowId,
      runId,
      settings: options,
      onProgress: (done) => progress(`  ${done} done`),
    })
    const elapsedMs = performance.now() - startedMs
    const results = experiment
      ? await call<ExperimentResults>('GET', `/api/experiments/${experiment.id}/results`)
      : null
    if (!options.json) process.stdout.write(`${formatResults(results, tallies, elapsedMs)}\n`)
    process.stdout.write(
      `${JSON.stringify({ flowId, experimentId: experiment?.id ?? null, elapsedMs: Math.round(elapsedMs), tallies, results })}\n`,
    )
    return 0
  } finally {
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}

async function target(
  call: ApiCall,
  options: SimulateOptions,
  runId: string,
  progress: (line: string) => void,
): Promise<{ flowId: string; experiment: Experiment | null }> {
  if (options.experiment) {
    const experiment = await call<Experiment>('GET', `/api/experiments/${options.experiment}`)
    return { flowId: experiment.flowId, experiment }
  }
  if (options.flow) {
    const { experiments } = await call<{ experiments: Experiment[] }>(
      'GET',
      `/api/experiments?flowId=${encodeURIComponent(options.flow)}`,
    )
    const running = experiments.find((e) => e.status === 'running') ?? null
    return { flowId: options.flow, experiment: running }
  }
  const flowId = `simulated-${runId}`
  progress(`creating demo flow ${flowId} with two versions and a 50/50 experiment…`)
  const first = experimentFlow(flowId, '您好')
  const created = await call<{ revision: number }>('POST', '/api/flows', first)
  await call('POST', `/api/flows/${flowId}/publish`, { note: 'A' })
  await call('PUT', `/api/flows/${flowId}`, {
    revision: created.revision,
    flow: experimentFlow(flowId, '欢迎光临，有什么可以帮您？'),
  })
  await call('POST', `/api/flows/${flowId}/publish`, { note: 'B' })
  const experiment = await call<Experiment>('POST', '/api/experiments', {
    flowId,
    name: `Simulated ${runId}`,
    variants: [
      { name: 'A', version: 1, weight: 50 },
      { name: 'B', version: 2, weight: 50 },
    ],
  })
  await call('POST', `/api/experiments/${experiment.id}/start`)
  return { flowId, experiment }
}

/** One API key per ~30 customers, as separate channels would have; the token if not admin. */
async function channelKeys(call: ApiCall, flowId: string, conversations: number, token: string) {
  const count = Math.min(100, Math.ceil(conversations / conversationsPerKey))
  const keys: string[] = []
  try {
    for (let i = 0; i < count; i++) {
      const made = await call<{ key: string }>('POST', '/api/api-keys', {
        name: `simulator ${i + 1}`,
        flowIds: [flowId],
      })
      keys.push(made.key)
    }
  } catch (error) {
    if (!(error instanceof ApiCallError) || error.status !== 403) throw error
  }
  return keys.length > 0 ? keys : [token]
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
