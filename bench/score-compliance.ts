/**
 * Scores eval:compliance results against labelled replies:
 *   npx tsx bench/score-compliance.ts --labels test/fixtures/compliance/dev-replies.jsonl --results RESULTS.jsonl
 * Labels: {"id", "category", "pii"?: [...], "lookalikes"?: [...], "disclaimer"?: "..."}.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { z } from 'zod'

const labelSchema = z.object({
  id: z.union([z.string(), z.number()]),
  category: z.enum(['pii', 'lookalike', 'violation', 'clean', 'disclaimer']),
  pii: z.array(z.string()).default([]),
  lookalikes: z.array(z.string()).default([]),
  disclaimer: z.string().optional(),
})
const resultSchema = z.object({
  id: z.union([z.string(), z.number()]),
  output: z.string().nullable(),
  flagged: z.array(z.string()),
  blocked: z.boolean(),
})
type Label = z.infer<typeof labelSchema>
type Result = z.infer<typeof resultSchema>

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => schema.parse(JSON.parse(l)))
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000

export function scoreCompliance(labels: Label[], results: Result[]) {
  const byId = new Map(results.map((r) => [String(r.id), r]))
  let piiTotal = 0
  let piiCaught = 0
  let lookalikeTotal = 0
  let lookalikeKept = 0
  let violations = 0
  let violationsCaught = 0
  let clean = 0
  let cleanFlagged = 0
  let disclaimersWanted = 0
  let disclaimersPresent = 0
  const misses: string[] = []
  for (const label of labels) {
    const result = byId.get(String(label.id))
    if (!result) throw new Error(`no result for ${label.id}`)
    const output = result.output
    for (const value of label.pii) {
      piiTotal++
      if (output === null || !output.includes(value)) piiCaught++
      else misses.push(`${label.id} pii kept: ${value}`)
    }
    for (const value of label.lookalikes) {
      lookalikeTotal++
      if (output?.includes(value)) lookalikeKept++
      else misses.push(`${label.id} look-alike changed: ${value}`)
    }
    const isFlagged = result.blocked || result.flagged.length > 0
    if (label.category === 'violation') {
      violations++
      if (isFlagged) violationsCaught++
      else misses.push(`${label.id} violation missed`)
    }
    if (
      label.category === 'clean' ||
      label.category === 'disclaimer' ||
      label.category === 'lookalike'
    ) {
      clean++
      if (isFlagged) {
        cleanFlagged++
        misses.push(`${label.id} clean reply flagged: ${result.flagged.join(',')}`)
      }
    }
    if (label.disclaimer) {
      disclaimersWanted++
      if (output?.toLowerCase().includes(label.disclaimer.toLowerCase())) disclaimersPresent++
      else misses.push(`${label.id} disclaimer missing`)
    }
  }
  // Precision: of everything changed as personal data, how much was personal data. A changed
  // look-alike is a false positive.
  const falsePositives = lookalikeTotal - lookalikeKept
  return {
    piiRecall: ratio(piiCaught, piiTotal),
    piiPrecision: ratio(piiCaught, piiCaught + falsePositives),
    lookalikeUntouched: ratio(lookalikeKept, lookalikeTotal),
    violationCatch: ratio(violationsCaught, violations),
    cleanFalseFlag: ratio(cleanFlagged, clean),
    disclaimerPresence: ratio(disclaimersPresent, disclaimersWanted),
    counts: { piiTotal, lookalikeTotal, violations, clean, disclaimersWanted },
    misses,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { labels: { type: 'string' }, results: { type: 'string' } },
  })
  if (!values.labels || !values.results) {
    process.stderr.write('usage: score-compliance --labels LABELS.jsonl --results RESULTS.jsonl\n')
    process.exit(2)
  }
  const score = scoreCompliance(
    readJsonl(values.labels, labelSchema),
    readJsonl(values.results, resultSchema),
  )
  process.stdout.write(`${JSON.stringify(score, null, 2)}\n`)
}
