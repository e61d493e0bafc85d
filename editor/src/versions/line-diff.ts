import type { Flow } from '../../../shared/index.ts'

export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** Above this many cells the middle part is shown as removed-then-added, not aligned. */
const maxLcsCells = 4_000_000

/** The flow as compared in JSON: pretty-printed, without the canvas viewport. */
export function prettyFlow(flow: Flow): string {
  const { viewport: _viewport, ...document } = flow
  return JSON.stringify(document, null, 2)
}

/**
 * A line diff of two texts (longest common subsequence). Common head and tail lines are
 * matched first, so a small change in a large flow stays cheap.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n')
  const b = after.split('\n')
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  const same = (text: string): DiffLine => ({ kind: 'same', text })
  return [
    ...a.slice(0, head).map(same),
    ...diffMiddle(midA, midB),
    ...a.slice(a.length - tail).map(same),
  ]
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  if (a.length * b.length > maxLcsCells) {
    return [
      ...a.map((text): DiffLine => ({ kind: 'removed', text })),
      ...b.map((text): DiffLine => ({ kind: 'added', text })),
    ]
  }
  // lengths[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const width = b.length + 1
  const lengths = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0)
    }
  }
  const lines: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] ?? '' })
      i++
      j++
    } else if (
      i < a.length &&
      (j >= b.length || (lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0))
    ) {
      // Removed before added, as unified diffs read.
      lines.push({ kind: 'removed', text: a[i] ?? '' })
      i++
    } else {
      lines.push({ kind: 'added', text: b[j] ?? '' })
      j++
    }
  }
  return lines
}
