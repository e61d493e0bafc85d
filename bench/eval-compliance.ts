/**
 * Runs bot replies through the compliance policy code the engine uses (no model):
 *   npm run eval:compliance -- --in REPLIES.jsonl --out RESULTS.jsonl [--json]
 * Each input line is {"id", "text", "lang"?, "industry"?}; `industry` picks the finance,
 * healthcare or ecommerce preset, else the general default. Each output line is
 * {"id", "output", "flagged", "blocked", "disclaimers"}; the summary line is
 * {"n", "flagged", "blocked", "p50Ms", "p99Ms"}.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { applyPolicy, presetFor } from '../shared/index.ts'

const replySchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  lang: z.string().optional(),
  industry: z.string().optional(),
})

export interface EvalResult {
  id: string | number
  output: string | null
  flagged: string[]
  blocked: boolean
  disclaimers: string[]
}

function localeOf(lang: string | undefined): string {
  if (!lang) return 'zh-CN'
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : lang
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

// A running server has compiled its regular expressions and JIT-compiled the checks long before
// a reply arrives; the first calls of a fresh process measure start-up, not the check.
async function warmUp(): Promise<void> {
  const samples = [
    '您好，订单号2026012345678已发货，手机13812345678，地址北京市朝阳区建国路88号。',
    'Your card 4111 1111 1111 1111 and e-mail a.b@example.com; this fund has guaranteed returns.',
    '发烧可以服用退烧药，投资有风险。',
  ]
  for (let round = 0; round < 30; round++) {
    for (const industry of ['general', 'finance', 'healthcare', 'ecommerce']) {
      for (const text of samples) await applyPolicy(presetFor(industry), text, { locale: 'zh-CN' })
    }
  }
}

// Each reply's time is the median of a few runs: on a shared 2-core machine one run can be
// preempted by another process for milliseconds, which says nothing about the check's cost.
const repeats = 5

async function medianDuration(run: () => Promise<unknown>, times: number): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)] ?? 0
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  if (!values.in || !values.out) {
    process.stderr.write(
      'usage: npm run eval:compliance -- --in REPLIES.jsonl --out RESULTS.jsonl [--json]\n',
    )
    process.exit(2)
  }
  const lines = readFileSync(values.in, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
  await warmUp()
  const results: EvalResult[] = []
  const durations: number[] = []
  for (const [index, line] of lines.entries()) {
    const parsed = replySchema.safeParse(JSON.parse(line))
    if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.message}`)
    const reply = parsed.data
    const policy = presetFor(reply.industry)
    const options = { locale: localeOf(reply.lang) }
    const outcome = await applyPolicy(policy, reply.text, options)
    durations.push(await medianDuration(() => applyPolicy(policy, reply.text, options), repeats))
    results.push({
      id: reply.id,
      output: outcome.output,
      flagged: [...new Set(outcome.findings.map((f) => f.ruleId))],
      blocked: outcome.isBlocked,
      disclaimers: outcome.disclaimers,
    })
  }
  writeFileSync(values.out, results.map((r) => `${JSON.stringify(r)}\n`).join(''))
  const sorted = [...durations].sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 1000) / 1000
  const summary = {
    n: results.length,
    flagged: results.filter((r) => r.flagged.length > 0).length,
    blocked: results.filter((r) => r.blocked).length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  }
  process.stdout.write(
    values.json
      ? `${JSON.stringify(summary)}\n`
      : `${summary.n} replies: ${summary.flagged} flagged, ${summary.blocked} blocked; p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms\n`,
  )
}

await main()
