import type { ExperimentSettings } from '../../shared/index.ts'
import type { AssignVariant } from '../engine/index.ts'
import type { Logger } from '../logger.ts'
import type { Database, FlowStore } from '../storage/index.ts'
import { createVariantAssigner } from './assign-variant.ts'
import {
  createExperiment,
  enforceGuardrails,
  type LifecycleDeps,
  pauseExperiment,
  promoteVariant,
  readResultsAndEnforce,
  startExperiment,
  stopExperiment,
  stopExperimentsOfDeletedFlows,
  stopExperimentsOfFlow,
} from './experiment-lifecycle.ts'
import { ExperimentStore } from './experiment-store.ts'

export * from './assign-variant.ts'
export * from './experiment-errors.ts'
export * from './experiment-results.ts'
export * from './experiment-store.ts'
export * from './replicate-experiments.ts'
export * from './statistics.ts'

/** How often the server checks running experiments' guardrails. */
export const guardrailCheckIntervalMs = 60_000

export interface Experiments {
  store: ExperimentStore
  /** The engine's hook (EngineOptions.assignVariant). */
  assignVariant: AssignVariant
  create(
    settings: ExperimentSettings,
    createdBy: string | null,
  ): ReturnType<typeof createExperiment>
  start(experimentId: string): ReturnType<typeof startExperiment>
  pause(experimentId: string): ReturnType<typeof pauseExperiment>
  stop(experimentId: string): ReturnType<typeof stopExperiment>
  promote(experimentId: string, variant: string): ReturnType<typeof promoteVariant>
  /** Called when a flow is deleted; returns the ids of the experiments it stopped. */
  stopForFlow(flowId: string): Promise<string[]>
  /** Stops the experiments of every deleted flow (run by the monitor as a safety net). */
  stopForDeletedFlows(): Promise<string[]>
  /** Results; a running experiment with a tripped guardrail is stopped as they are read. */
  results(experimentId: string): ReturnType<typeof readResultsAndEnforce>
  enforceGuardrails(): Promise<string[]>
  /** Checks guardrails every `intervalMs` until the returned function is called. */
  startGuardrailMonitor(intervalMs?: number): () => void
}

export function createExperiments(options: {
  database: Database
  flows: FlowStore
  log?: Logger
  now?: () => number
}): Experiments {
  const store = new ExperimentStore(options.database, options.now)
  const deps: LifecycleDeps = { ...options, store }
  const experiments: Experiments = {
    store,
    assignVariant: createVariantAssigner(store),
    create: (settings, createdBy) => createExperiment(deps, settings, createdBy),
    start: (id) => startExperiment(deps, id),
    pause: (id) => pauseExperiment(deps, id),
    stop: (id) => stopExperiment(deps, id),
    promote: (id, variant) => promoteVariant(deps, id, variant),
    stopForFlow: (flowId) => stopExperimentsOfFlow(deps, flowId),
    stopForDeletedFlows: () => stopExperimentsOfDeletedFlows(deps),
    results: (id) => readResultsAndEnforce(deps, id),
    enforceGuardrails: () => enforceGuardrails(deps),
    startGuardrailMonitor(intervalMs = guardrailCheckIntervalMs) {
      let isChecking = false
      stopExperimentsOfDeletedFlows(deps).catch((error: unknown) =>
        options.log?.error('stopping experiments of deleted flows failed', error),
      )
      const timer = setInterval(() => {
        // A slow check (a large experiment) must not overlap the next one.
        if (isChecking) return
        isChecking = true
        stopExperimentsOfDeletedFlows(deps)
          .then(() => enforceGuardrails(deps))
          .catch((error: unknown) => options.log?.error('guardrail check failed', error))
          .finally(() => {
            isChecking = false
          })
      }, intervalMs)
      timer.unref()
      return () => clearInterval(timer)
    },
  }
  return experiments
}
