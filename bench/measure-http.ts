import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  projectRoot,
  type ServerProcess,
  startServerProcess,
} from '../test/support/server-process.ts'
import { ApiClient } from './api-client.ts'
import type { BenchOptions } from './bench-options.ts'
import {
  ErrorLog,
  openConversation,
  runConversation,
  turnsPerConversation,
} from './conversation-script.ts'
import { LatencyRecorder, round } from './latency-recorder.ts'
import { ownCpuMs, readMachineBusyMs, readProcessCpuMs } from './process-cpu.ts'
import { readProcessMemory } from './process-memory.ts'
import { runPool } from './run-pool.ts'
import { type StubProcess, startStubProcess } from './stub-process.ts'
import { largestProfile } from './summarize-cpu-profile.ts'

export type HttpFigures = Awaited<ReturnType<typeof measureHttp>>

/**
 * Starts the OpenAI stub and the real server as processes on `dataDir` (an empty folder), drives
 * the example flow through the HTTP API, then opens conversations and leaves them waiting to see
 * what they cost in memory. Stops both processes before returning.
 */
export async function measureHttp(
  options: BenchOptions,
  dataDir: string,
  progress: (line: string) => void,
) {
  const profileDir = options.isProfiling
    ? mkdtempSync(join(tmpdir(), 'switchboard-bench-profile-'))
    : undefined
  const adminToken = `bench-${randomBytes(16).toString('hex')}`
  let stub: StubProcess | undefined
  let server: ServerProcess | undefined
  let client: ApiClient | undefined
  try {
    buildServerBundle()
    progress('starting the OpenAI stub and the server…')
    stub = await startStubProcess()
    const spawnedAt = performance.now()
    server = await startServerProcess({
      DATA_DIR: dataDir,
      SWITCHBOARD_ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'silent',
      LLM_BASE_URL: stub.baseUrl,
      LLM_API_KEY: 'bench',
      LLM_MODEL: 'stub',
      ...(profileDir ? profilerEnv(profileDir) : {}),
    })
    const api = new ApiClient({ baseUrl: server.url, adminToken, maxSockets: options.concurrency })
    client = api
    await waitForHealth(api, spawnedAt + 20_000)
    const readyMs = round(performance.now() - spawnedAt, 0)
    const serverPid = processId(server)
    const memoryAtReady = readProcessMemory(serverPid)
    const errors = new ErrorLog()
    const inPool = (count: number, task: (index: number) => Promise<void>) =>
      runPool(
        {
          count,
          concurrency: options.concurrency,
          deadlineMs: performance.now() + options.maxSecondsPerPhase * 1000,
        },
        task,
      )

    if (options.warmupConversations > 0) {
      progress(`warming up: ${options.warmupConversations} conversations…`)
      const unmeasured = new LatencyRecorder(options.warmupConversations * turnsPerConversation)
      await inPool(options.warmupConversations, (i) => runConversation(api, i, unmeasured, errors))
    }

    progress(
      `measuring: ${options.conversations} conversations × ${turnsPerConversation} turns, ` +
        `${options.concurrency} at once…`,
    )
    const latencies = new LatencyRecorder(options.conversations * turnsPerConversation)
    const cpuBefore = {
      server: readProcessCpuMs(serverPid),
      bench: ownCpuMs(),
      machine: readMachineBusyMs(),
    }
    const loadStartedAt = performance.now()
    const conversations = await inPool(options.conversations, (i) =>
      runConversation(api, i, latencies, errors),
    )
    const loadSeconds = (performance.now() - loadStartedAt) / 1000
    const percentOfCore = (usedMs: number) => round(usedMs / loadSeconds / 10, 0)
    const serverCpuPercent = percentOfCore(readProcessCpuMs(serverPid) - cpuBefore.server)
    const benchCpuPercent = percentOfCore(ownCpuMs() - cpuBefore.bench)
    // Anything else busy on the machine (a test run, a build) makes the figures worse than they are.
    const otherCpuPercent = Math.max(
      0,
      percentOfCore(readMachineBusyMs() - cpuBefore.machine) - serverCpuPercent - benchCpuPercent,
    )
    const memoryAfterLoad = readProcessMemory(serverPid)

    progress(`opening ${options.openConversations} conversations and leaving them waiting…`)
    const openLatencies = new LatencyRecorder(options.openConversations)
    const openStartedAt = performance.now()
    const opened = await inPool(options.openConversations, async () => {
      await openConversation(api, openLatencies, errors)
    })
    const openSeconds = (performance.now() - openStartedAt) / 1000
    const memoryAfterOpen = readProcessMemory(serverPid)
    const serverReportedReadyMs = reportedReadyMs(server.output())

    api.close()
    await server.stop()
    const load = latencies.summarize()
    const open = openLatencies.summarize()
    return {
      turnsPerSecond: round(load.count / loadSeconds, 0),
      p50Ms: load.p50Ms,
      p95Ms: load.p95Ms,
      p99Ms: load.p99Ms,
      maxMs: load.maxMs,
      rssMb: memoryAfterLoad.rssMb,
      errors: errors.count,
      turns: load.count,
      conversations,
      concurrency: options.concurrency,
      warmupConversations: options.warmupConversations,
      durationSeconds: round(loadSeconds, 1),
      serverCpuPercent,
      benchCpuPercent,
      otherCpuPercent,
      readyMs,
      serverReportedReadyMs,
      rssMbAtReady: memoryAtReady.rssMb,
      openConversations: opened,
      openTurnsPerSecond: round(open.count / openSeconds, 0),
      openP99Ms: open.p99Ms,
      rssMbAfter10kConversations: memoryAfterOpen.rssMb,
      peakRssMb: memoryAfterOpen.peakRssMb,
      serverProfile: profileDir ? largestProfile(profileDir) : undefined,
      errorSamples: errors.samples,
    }
  } finally {
    client?.close()
    await server?.stop()
    await stub?.stop()
  }
}

/**
 * Builds dist/server/main.mjs if its sources changed: the server runs from that bundle, as
 * `npm start` runs it, and building is not part of its start-up time. In a child process with
 * its output sent to stderr, because stdout is kept for the result line.
 */
function buildServerBundle(): void {
  const build = pathToFileURL(join(projectRoot, 'scripts', 'build.mjs')).href
  const script = `import { buildServerIfStale } from ${JSON.stringify(build)}\nawait buildServerIfStale()`
  const result = spawnSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: projectRoot,
    stdio: ['ignore', process.stderr, process.stderr],
    timeout: 120_000,
  })
  if (result.status !== 0) throw new Error(`building the server bundle failed (${result.status})`)
}

/** Polls GET /api/health until it answers 200: the server's ready time as a client sees it. */
async function waitForHealth(client: ApiClient, deadlineMs: number): Promise<void> {
  let lastProblem = 'no answer'
  while (performance.now() < deadlineMs) {
    try {
      const { status } = await client.get('/api/health')
      if (status === 200) return
      lastProblem = `status ${status}`
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error)
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`GET /api/health did not answer 200 in time (${lastProblem})`)
}

/** NODE_OPTIONS refuses --cpu-prof: a preloaded module starts the profiler instead. */
function profilerEnv(profileDir: string): Record<string, string> {
  const preload = pathToFileURL(join(projectRoot, 'bench', 'cpu-profile-preload.mjs')).href
  return { NODE_OPTIONS: `--import=${preload}`, SWITCHBOARD_BENCH_PROFILE_DIR: profileDir }
}

function processId(server: ServerProcess): number {
  if (server.child.pid === undefined) throw new Error('the server process has no pid')
  return server.child.pid
}

/** The "in N ms" the server prints: its own start, after Node and tsx have loaded. */
function reportedReadyMs(output: string): number | null {
  const match = /Switchboard ready at \S+ in (\d+) ms/.exec(output)
  return match?.[1] ? Number(match[1]) : null
}
