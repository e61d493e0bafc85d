import { readFileSync } from 'node:fs'
import { z } from 'zod'

/** One line of an intent data set: `{"text": "...", "label": "..."}`; `oos` is out of scope. */
const lineSchema = z.object({ text: z.string(), label: z.string().min(1) })
export type LabelledText = z.infer<typeof lineSchema>

export const OOS_LABEL = 'oos'

export function readJsonLines(path: string): LabelledText[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const parsed = lineSchema.safeParse(JSON.parse(line))
      if (!parsed.success) throw new Error(`${path}:${number}: not {"text", "label"}`)
      return parsed.data
    })
}

/** FNV-1a, 32 bits: a stable hash that does not depend on file order or Node's version. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * The intents `--holdout-intents K` removes from training: the K training labels with the
 * smallest FNV-1a hash of `holdout:<label>` (ties by name). Deterministic and independent of the
 * order of lines, so every run and every machine holds out the same intents.
 */
export function pickHoldoutIntents(labels: readonly string[], count: number): string[] {
  return [...new Set(labels)]
    .filter((label) => label !== OOS_LABEL)
    .map((label) => ({ label, hash: fnv1a(`holdout:${label}`) }))
    .sort((a, b) => a.hash - b.hash || a.label.localeCompare(b.label))
    .slice(0, count)
    .map(({ label }) => label)
}

/** Removes held-out intents from training and relabels their test lines `oos`. */
export function holdOut(
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  heldOut: readonly string[],
): { train: LabelledText[]; test: LabelledText[] } {
  const isHeldOut = (label: string) => heldOut.includes(label)
  return {
    train: train.filter((line) => !isHeldOut(line.label) && line.label !== OOS_LABEL),
    test: test.map((line) => (isHeldOut(line.label) ? { ...line, label: OOS_LABEL } : line)),
  }
}

/** Training lines grouped by label, in first-seen order. */
export function groupByLabel(lines: readonly LabelledText[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const { text, label } of lines) groups.set(label, [...(groups.get(label) ?? []), text])
  return groups
}
