import { z } from 'zod'

export const kbLineSchema = z.object({
  id: z.string().min(1),
  question: z.string(),
  answer: z.string(),
})
export type KbLine = z.infer<typeof kbLineSchema>

export const queryLineSchema = z.object({
  text: z.string(),
  answerIds: z.array(z.string()).min(1),
})
export type QueryLine = z.infer<typeof queryLineSchema>

export interface FaqMetrics {
  hit1: number
  hit5: number
  mrr: number
  p50Ms: number
  p99Ms: number
  indexMs: number
  n: number
}

/** Parses JSON Lines, naming the file and line of the first bad one. */
export function parseJsonLines<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  file: string,
): z.output<Schema>[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const parsed = schema.safeParse(JSON.parse(line))
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.message}`)
      return parsed.data
    })
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0
}

/** hit@1, hit@5 and MRR over ranked answer ids (a query is right when any listed id appears). */
export function rankMetrics(
  rankings: readonly { retrievedIds: readonly string[]; answerIds: readonly string[] }[],
): Pick<FaqMetrics, 'hit1' | 'hit5' | 'mrr' | 'n'> {
  let hit1 = 0
  let hit5 = 0
  let reciprocal = 0
  for (const { retrievedIds, answerIds } of rankings) {
    const rank = retrievedIds.findIndex((id) => answerIds.includes(id))
    if (rank === 0) hit1++
    if (rank >= 0 && rank < 5) hit5++
    if (rank >= 0) reciprocal += 1 / (rank + 1)
  }
  const n = rankings.length
  const round = (value: number) => Math.round((value / Math.max(1, n)) * 1000) / 1000
  return { hit1: round(hit1), hit5: round(hit5), mrr: round(reciprocal), n }
}
