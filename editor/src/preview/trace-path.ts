/** One node step of a test conversation's trace (GET /api/conversations/:id/trace). */
export interface TraceStep {
  step: number
  nodeId: string
  nodeType: string
  port: string | null
  outcome: string
  durationUs: number
}

export interface TraceTurn {
  id: string
  seq: number
  durationMs: number
  steps: TraceStep[]
}

/** `${nodeId}\u0000${port}`: the same key for a port an edge leaves and a step that took it. */
export function portKey(nodeId: string, port: string): string {
  return `${nodeId}\u0000${port}`
}

/** The nodes the conversation passed through and the ports it left them by, for the canvas. */
export function pathOf(turns: readonly TraceTurn[]): {
  nodeIds: ReadonlySet<string>
  portKeys: ReadonlySet<string>
} {
  const nodeIds = new Set<string>()
  const portKeys = new Set<string>()
  for (const turn of turns) {
    for (const step of turn.steps) {
      nodeIds.add(step.nodeId)
      if (step.port && step.outcome === 'port') portKeys.add(portKey(step.nodeId, step.port))
    }
  }
  return { nodeIds, portKeys }
}

/** Microseconds as the operator reads them: `120 µs`, `3.4 ms`, `1.2 s`. */
export function formatDuration(durationUs: number): string {
  if (durationUs < 1000) return `${Math.round(durationUs)} µs`
  if (durationUs < 1_000_000) return `${(durationUs / 1000).toFixed(1)} ms`
  return `${(durationUs / 1_000_000).toFixed(1)} s`
}
