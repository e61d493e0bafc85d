import { type Flow, flowSchema } from '../../../shared/index.ts'

export type FlowFileResult =
  | { kind: 'flow'; flow: Flow }
  | { kind: 'not_json' }
  | { kind: 'not_a_flow'; issues: string[] }

/**
 * Reads an imported file. Only the document's shape is checked here; node-level problems
 * (unknown types, bad configs) are kept and shown in the editor, as the API stores them too.
 */
export function parseFlowFile(text: string): FlowFileResult {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { kind: 'not_json' }
  }
  const parsed = flowSchema.safeParse(json)
  if (!parsed.success) {
    return {
      kind: 'not_a_flow',
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`),
    }
  }
  return { kind: 'flow', flow: parsed.data }
}

/** Stable, readable JSON: what export writes and import reads back. */
export function serializeFlow(flow: Flow): string {
  return `${JSON.stringify(flow, null, 2)}\n`
}

export function flowFileName(flow: Pick<Flow, 'id'>): string {
  return `${flow.id}.flow.json`
}

/** `order-service-copy`, `order-service-copy-2`, …: an id not yet taken. */
export function freeFlowId(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted
  const base = wanted.slice(0, 90)
  let n = 2
  while (taken.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}

/** A URL-safe id for a new flow whose name may be Chinese. */
export function newFlowId(name: string, nowMs: number): string {
  const ascii = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return ascii === '' ? `flow-${nowMs.toString(36)}` : ascii
}
