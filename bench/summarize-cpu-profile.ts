import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { projectRoot } from '../test/support/server-process.ts'
import { SourceLocator } from './source-locator.ts'

/** The parts of V8's .cpuprofile format (what `node --cpu-prof` writes) that we read. */
const cpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
        columnNumber: z.number(),
      }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
})
type CpuProfile = z.infer<typeof cpuProfileSchema>

export interface HotSpot {
  /** `function (file:line)`, the file relative to the project. */
  frame: string
  selfPercent: number
  totalPercent: number
}

export interface ProfileSummary {
  sampledMs: number
  /** Share of the time the thread had nothing to run. */
  idlePercent: number
  /** Share spent in garbage collection. */
  gcPercent: number
  bySelf: HotSpot[]
  byTotal: HotSpot[]
  /** Self time grouped by project folder or npm package. */
  byModule: { module: string; selfPercent: number }[]
}

/**
 * Ranks functions by self time (where the CPU was) and by total time (self plus callees, each
 * function counted once per stack), as a share of all sampled time.
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  top = 15,
  /** Rank only frames whose text contains this, e.g. `runtime/`. */
  match = '',
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id)
  }
  const selfUs = new Map<number, number>()
  let sampledUs = 0
  profile.samples.forEach((nodeId, index) => {
    const deltaUs = Math.max(0, profile.timeDeltas[index] ?? 0)
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + deltaUs)
    sampledUs += deltaUs
  })
  const locator = new SourceLocator(projectRoot)
  const frames = new Map<number, { frame: string; module: string }>()
  const describe = (nodeId: number) => {
    const known = frames.get(nodeId)
    if (known) return known
    const callFrame = byId.get(nodeId)?.callFrame
    const name = callFrame?.functionName || '(anonymous)'
    let described = { frame: callFrame ? name : '(unknown)', module: '(native)' }
    if (callFrame?.url) {
      const { file, line } = locator.locate(
        callFrame.url,
        callFrame.lineNumber,
        callFrame.columnNumber,
      )
      described = {
        frame: `${name} (${file}${line === undefined ? '' : `:${line}`})`,
        module: moduleOf(file),
      }
    } else if (name.startsWith('(')) {
      described = { frame: name, module: name }
    }
    frames.set(nodeId, described)
    return described
  }
  const frameOf = (nodeId: number) => describe(nodeId).frame
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  const byModule = new Map<string, number>()
  for (const [nodeId, us] of selfUs) {
    const frame = frameOf(nodeId)
    self.set(frame, (self.get(frame) ?? 0) + us)
    const { module } = describe(nodeId)
    byModule.set(module, (byModule.get(module) ?? 0) + us)
    const onStack = new Set<string>()
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
      onStack.add(frameOf(id))
    }
    for (const name of onStack) total.set(name, (total.get(name) ?? 0) + us)
  }
  const percent = (us: number) => Math.round((us / Math.max(1, sampledUs)) * 1000) / 10
  const ranked = (times: Map<string, number>) =>
    [...times]
      .filter(([frame]) => !isBookkeeping(frame) && frame.includes(match))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame]) => ({
        frame,
        selfPercent: percent(self.get(frame) ?? 0),
        totalPercent: percent(total.get(frame) ?? 0),
      }))
  return {
    sampledMs: Math.round(sampledUs / 1000),
    idlePercent: percent(self.get('(idle)') ?? 0),
    gcPercent: percent(self.get('(garbage collector)') ?? 0),
    bySelf: ranked(self),
    byTotal: ranked(total),
    byModule: [...byModule]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, selfPercent: percent(us) })),
  }
}

/** The root and idle frames are on every stack or none: ranking them says nothing. */
function isBookkeeping(frame: string): boolean {
  return frame === '(root)' || frame === '(idle)' || frame === '(program)'
}

/** A project folder two levels deep (`runtime/engine/`), an npm package, or Node itself. */
function moduleOf(file: string): string {
  if (file.startsWith('node:')) return 'node: (Node.js internals)'
  // drizzle-orm's own source maps name ../src/*.ts, which lands beside the packages once esbuild
  // chains them into the server bundle's map: no other dependency here ships such maps.
  if (/(^|\/)node_modules\/src\//.test(file)) return 'npm: drizzle-orm'
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)
  if (packageMatch?.[1]) return `npm: ${packageMatch[1]}`
  if (file.startsWith('/')) return file
  const parts = file.split('/')
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : file
}

/**
 * The largest .cpuprofile in `path` (the main thread's: tsx's loader thread writes a small one
 * beside it), or `path` itself when it is a file.
 */
export function largestProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path
  const profiles = readdirSync(path)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(path, name))
    .sort((a, b) => statSync(b).size - statSync(a).size)
  if (!profiles[0]) throw new Error(`no .cpuprofile in ${path}`)
  return profiles[0]
}

export function readCpuProfile(file: string): CpuProfile {
  return cpuProfileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
}

/**
 * `tsx bench/summarize-cpu-profile.ts <file-or-dir> [--top 15] [--match runtime/]` prints the
 * summary as text.
 */
function runAsScript(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { top: { type: 'string', default: '15' }, match: { type: 'string', default: '' } },
  })
  const file = largestProfile(resolve(positionals[0] ?? '.'))
  const summary = summarizeCpuProfile(readCpuProfile(file), Number(values.top), values.match)
  process.stdout.write(`${formatProfileSummary(file, summary)}\n`)
}

export function formatProfileSummary(file: string, summary: ProfileSummary): string {
  const lines = [
    `${file}: ${summary.sampledMs} ms sampled, idle ${summary.idlePercent}%, GC ${summary.gcPercent}%`,
    '',
    'self%  total%  function (by self time)',
    ...summary.bySelf.map((h) => `${pad(h.selfPercent)}  ${pad(h.totalPercent)}  ${h.frame}`),
    '',
    'self%  total%  function (by total time)',
    ...summary.byTotal.map((h) => `${pad(h.selfPercent)}  ${pad(h.totalPercent)}  ${h.frame}`),
    '',
    'self%  module',
    ...summary.byModule.map((m) => `${pad(m.selfPercent)}  ${m.module}`),
  ]
  return lines.join('\n')
}

function pad(value: number): string {
  return value.toFixed(1).padStart(5)
}

const scriptPath = process.argv[1]
if (scriptPath !== undefined && resolve(scriptPath) === fileURLToPath(import.meta.url)) {
  runAsScript(process.argv.slice(2))
}
