import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchUsage, parseBenchOptions } from './bench-options.ts'
import { terminateOwnChildren } from './child-processes.ts'
import { measureEngineInChild } from './engine-child.ts'
import { formatBenchSummary } from './format-bench-summary.ts'
import { measureHttp } from './measure-http.ts'
import {
  formatProfileSummary,
  readCpuProfile,
  summarizeCpuProfile,
} from './summarize-cpu-profile.ts'

/**
 * `npm run bench`: the real server and the OpenAI stub as their own processes, conversations of
 * the example flow driven through the HTTP API, then the engine alone in another process.
 * Prints one JSON line last; see docs/performance.md.
 */
async function main(args: string[]): Promise<number> {
  const options = parseBenchOptions(args)
  if (options === 'help') {
    process.stdout.write(`${benchUsage}\n`)
    return 0
  }
  const progress = (line: string) => {
    if (!options.isJson) process.stderr.write(`${line}\n`)
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'))
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true })
  process.once('exit', removeDataDir)
  const { serverProfile, errorSamples, ...http } = await measureHttp(options, dataDir, progress)
  removeDataDir()
  if (!options.isEngineSkipped) {
    progress('measuring the engine alone (six-node flow, in-process, one turn at a time)…')
  }
  const engine = options.isEngineSkipped ? undefined : await measureEngineInChild()
  const result = {
    ...http,
    ...(engine && {
      engineTurns: engine.count,
      engineP50Ms: engine.p50Ms,
      engineP95Ms: engine.p95Ms,
      engineP99Ms: engine.p99Ms,
      engineMaxMs: engine.maxMs,
      engineTurnsPerSecond: engine.turnsPerSecond,
      engineErrors: engine.errors,
    }),
    ...(serverProfile && { serverProfile }),
    ...(errorSamples.length > 0 && { errorSamples }),
    ...(engine && engine.errorSamples.length > 0 && { engineErrorSamples: engine.errorSamples }),
  }
  if (!options.isJson) {
    process.stdout.write(`${formatBenchSummary(result)}\n`)
    if (serverProfile) {
      const summary = summarizeCpuProfile(readCpuProfile(serverProfile), 20)
      process.stdout.write(`\n${formatProfileSummary(serverProfile, summary)}\n\n`)
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  return http.errors > 0 || (engine?.errors ?? 0) > 0 ? 1 : 0
}

// Children (server, stub, engine run) die with the bench, whatever ends it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    terminateOwnChildren()
    process.stderr.write(`bench stopped by ${signal}\n`)
    process.exit(130)
  })
}
// Registered before the data dir's removal, so the server is told to stop before its files go.
process.once('exit', terminateOwnChildren)

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  },
)
