import { useEffect, useRef } from 'react'
import { create } from 'zustand'
import type { Flow, Problem } from '../../../shared/index.ts'
import { problemsByNode } from '../canvas/canvas-model.ts'
import type { NodeTypeInfo } from '../model/node-type-info.ts'
import type { ValidateRequest } from './validate-worker.ts'

interface ProblemsState {
  problems: Problem[]
  byNode: ReadonlyMap<string, Problem[]>
}

/** Validation problems of the draft, recomputed shortly after each edit (see useValidation). */
export const useProblemsStore = create<ProblemsState>(() => ({ problems: [], byNode: new Map() }))

const settleMs = 120

/**
 * Validates the draft with the shared validateFlow, in a worker, a moment after edits settle.
 * Only the answer to the latest request is applied, so a slow answer never shows stale problems.
 */
export function useValidation(flow: Flow | null, infos: ReadonlyMap<string, NodeTypeInfo>): void {
  const worker = useRef<Worker | null>(null)
  const latest = useRef({ requestId: 0, flow })

  useEffect(() => {
    const created = new Worker(new URL('./validate-worker.ts', import.meta.url), {
      type: 'module',
    })
    created.addEventListener(
      'message',
      (event: MessageEvent<{ requestId: number; problems: Problem[] }>) => {
        const { requestId, flow: validated } = latest.current
        if (event.data.requestId !== requestId || !validated) return
        const { problems } = event.data
        const previous = useProblemsStore.getState().byNode
        useProblemsStore.setState({
          problems,
          byNode: keepUnchanged(previous, problemsByNode(problems, validated)),
        })
      },
    )
    worker.current = created
    return () => {
      created.terminate()
      worker.current = null
      useProblemsStore.setState({ problems: [], byNode: new Map() })
    }
  }, [])

  useEffect(() => {
    const request: ValidateRequest = { kind: 'node-types', infos: [...infos.values()] }
    worker.current?.postMessage(request)
  }, [infos])

  useEffect(() => {
    if (!flow) return
    const timer = setTimeout(() => {
      const requestId = latest.current.requestId + 1
      latest.current = { requestId, flow }
      const request: ValidateRequest = { kind: 'validate', requestId, flow }
      worker.current?.postMessage(request)
    }, settleMs)
    return () => clearTimeout(timer)
  }, [flow])
}

function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]
      return (
        q !== undefined && p.code === q.code && p.message === q.message && p.severity === q.severity
      )
    })
  )
}

/**
 * Reuses a node's previous problem list when it did not change, so the canvas rebuilds only
 * the cards whose problems changed (a fresh list for every node would redraw all 500).
 */
export function keepUnchanged(
  previous: ReadonlyMap<string, Problem[]>,
  next: Map<string, Problem[]>,
): Map<string, Problem[]> {
  for (const [nodeId, problems] of next) {
    const old = previous.get(nodeId)
    if (old && sameProblems(old, problems)) next.set(nodeId, old)
  }
  return next
}
