import type {
  Experiment,
  ExperimentResults,
  ExperimentSettings,
  ExperimentStatus,
  Variant,
} from '../../shared/index.ts'
import { InvalidRequestError, VersionNotFoundError } from '../../shared/index.ts'
import type { Logger } from '../logger.ts'
import type { Database, FlowStore } from '../storage/index.ts'
import { ExperimentConflictError } from './experiment-errors.ts'
import { computeExperimentResults } from './experiment-results.ts'
import type { ExperimentStore } from './experiment-store.ts'

export interface LifecycleDeps {
  database: Database
  store: ExperimentStore
  flows: FlowStore
  log?: Logger
}

/** Creates a draft after checking that the flow and every variant's version exist. */
export async function createExperiment(
  deps: LifecycleDeps,
  settings: ExperimentSettings,
  createdBy: string | null,
): Promise<Experiment> {
  await deps.flows.get(settings.flowId)
  await requireVersions(deps.flows, settings)
  return deps.store.create(settings, createdBy)
}

async function requireVersions(flows: FlowStore, settings: ExperimentSettings): Promise<void> {
  const problems: { path: (string | number)[]; message: string }[] = []
  for (const [index, variant] of settings.variants.entries()) {
    try {
      await flows.getVersion(settings.flowId, variant.version)
    } catch (error) {
      if (!(error instanceof VersionNotFoundError)) throw error
      problems.push({
        path: ['variants', index, 'version'],
        message: `Flow ${settings.flowId} has no published version ${variant.version}`,
      })
    }
  }
  if (problems.length > 0) throw new InvalidRequestError(problems)
}

// Repeating a step the experiment already took answers with it unchanged, so that a client
// may retry after a lost response.

/** Starts a draft or resumes a paused experiment; one experiment runs per flow at a time. */
export async function startExperiment(deps: LifecycleDeps, experimentId: string) {
  const experiment = await deps.store.get(experimentId)
  if (experiment.status === 'running') return experiment
  const running = await deps.store.runningFor(experiment.flowId)
  if (running && running.id !== experiment.id) {
    throw new ExperimentConflictError(
      experimentId,
      `Flow ${experiment.flowId} already runs experiment ${running.name}: pause or stop it first`,
      { runningExperimentId: running.id },
    )
  }
  await deps.flows.get(experiment.flowId)
  return transition(deps, experiment, ['draft', 'paused'], 'start', {
    status: 'running',
    startedAt: experiment.startedAt ?? deps.store.isoNow(),
  })
}

/** New conversations go to the latest version while paused; assigned ones keep their variant. */
export async function pauseExperiment(deps: LifecycleDeps, experimentId: string) {
  const experiment = await deps.store.get(experimentId)
  if (experiment.status === 'paused') return experiment
  return transition(deps, experiment, ['running'], 'pause', { status: 'paused' })
}

export async function stopExperiment(deps: LifecycleDeps, experimentId: string) {
  const experiment = await deps.store.get(experimentId)
  if (experiment.status === 'stopped') return experiment
  return transition(deps, experiment, ['draft', 'running', 'paused'], 'stop', {
    status: 'stopped',
    stopReason: 'manual',
    endedAt: deps.store.isoNow(),
  })
}

async function transition(
  deps: LifecycleDeps,
  experiment: Experiment,
  from: readonly ExperimentStatus[],
  action: string,
  change: Parameters<ExperimentStore['update']>[2],
): Promise<Experiment> {
  const updated = await deps.store.update(experiment.id, from, change)
  if (updated) return updated
  const current = await deps.store.get(experiment.id)
  throw new ExperimentConflictError(
    experiment.id,
    `Cannot ${action} experiment ${experiment.name}: it is ${current.status}`,
    { status: current.status, allowedFrom: from },
  )
}

/**
 * Sends all traffic to one variant: its version becomes the flow's latest (republished as a
 * new version with a note, unless it already is the latest) and the experiment ends. Published
 * versions are frozen, so the copy is the same document and the same prepared data.
 */
export async function promoteVariant(
  deps: LifecycleDeps,
  experimentId: string,
  variantName: string,
): Promise<{ experiment: Experiment; version: number; isRepublished: boolean }> {
  const experiment = await deps.store.get(experimentId)
  const variant = experiment.variants.find((v) => v.name === variantName)
  if (!variant) {
    throw new InvalidRequestError([
      {
        path: ['variant'],
        message: `Experiment ${experiment.name} has no variant ${variantName}: ${experiment.variants.map((v) => v.name).join(', ')}`,
      },
    ])
  }
  // Claim first, publish second: of two promotions at once only the claimant publishes, and
  // the claim stops the experiment, so no conversation is assigned while the version changes.
  if (!(await deps.store.claimPromotion(experimentId, variant.name))) {
    return earlierPromotion(deps, experimentId, variant)
  }
  let version = variant.version
  let isRepublished = false
  try {
    const latest = await deps.flows.latestVersionOf(experiment.flowId)
    isRepublished = latest !== variant.version
    if (isRepublished) {
      const source = await deps.flows.getVersion(experiment.flowId, variant.version)
      const note = `Promoted from experiment "${experiment.name}": variant ${variant.name} (version ${variant.version})`
      version = (await deps.flows.publish(source.flow, note, source.prepared)).version
    }
  } catch (error) {
    await deps.store.releasePromotion(experimentId)
    throw error
  }
  const promoted = await deps.store.recordPromotedVersion(experimentId, version)
  deps.log?.info('experiment variant promoted', {
    experimentId,
    variant: variant.name,
    version,
  })
  return { experiment: promoted, version, isRepublished }
}

/** How long a repeated promotion waits for a concurrent one of the same variant to publish. */
const promotionWaitMs = 5_000

/**
 * A promotion that lost the claim: the same variant answers with the stored result (waiting
 * for a concurrent promotion's publish to finish), another variant gets a conflict.
 */
async function earlierPromotion(
  deps: LifecycleDeps,
  experimentId: string,
  variant: Variant,
): Promise<{ experiment: Experiment; version: number; isRepublished: boolean }> {
  const deadline = Date.now() + promotionWaitMs
  for (;;) {
    const current = await deps.store.get(experimentId)
    if (current.promotedVariant !== null && current.promotedVariant !== variant.name) {
      throw new ExperimentConflictError(
        experimentId,
        `Experiment ${current.name} already promoted variant ${current.promotedVariant}`,
        { promotedVariant: current.promotedVariant },
      )
    }
    if (current.promotedVariant === null || Date.now() > deadline) {
      // The concurrent promotion failed (its claim was given back) or is stuck: retry later.
      throw new ExperimentConflictError(
        experimentId,
        `Experiment ${current.name} is being promoted by another request: try again`,
      )
    }
    if (current.promotedVersion !== null) {
      const version = current.promotedVersion
      return { experiment: current, version, isRepublished: version !== variant.version }
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Stops the experiments of a deleted flow: a flow re-created with its id starts without them. */
export async function stopExperimentsOfFlow(
  deps: LifecycleDeps,
  flowId: string,
): Promise<string[]> {
  const stopped = await deps.store.stopAllOfFlow(flowId)
  if (stopped.length > 0) deps.log?.info('experiments stopped: flow deleted', { flowId, stopped })
  return stopped
}

export async function stopExperimentsOfDeletedFlows(deps: LifecycleDeps): Promise<string[]> {
  const stopped = await deps.store.stopAllOfDeletedFlows()
  if (stopped.length > 0) deps.log?.info('experiments of deleted flows stopped', { stopped })
  return stopped
}

/**
 * Reads the results and, for a running experiment with a tripped guardrail, stops it at once
 * (recording which variant, KPI and margin). Called when results are read and by the monitor.
 */
export async function readResultsAndEnforce(
  deps: LifecycleDeps,
  experimentId: string,
): Promise<ExperimentResults> {
  const experiment = await deps.store.get(experimentId)
  const results = computeExperimentResults(deps.database, experiment)
  const [breach] = results.guardrailBreaches
  if (experiment.status !== 'running' || !breach) return results
  const stopped = await deps.store.update(experimentId, ['running'], {
    status: 'stopped',
    stopReason: 'guardrail',
    stopDetail: breach,
    endedAt: deps.store.isoNow(),
  })
  deps.log?.info('experiment stopped by a guardrail', { experimentId, ...breach })
  return { ...results, experiment: stopped ?? (await deps.store.get(experimentId)) }
}

/** Checks the guardrails of every running experiment; returns the ids it stopped. */
export async function enforceGuardrails(deps: LifecycleDeps): Promise<string[]> {
  const stopped: string[] = []
  for (const experiment of await deps.store.list({ statuses: ['running'] })) {
    if (experiment.guardrails.length === 0) continue
    const results = await readResultsAndEnforce(deps, experiment.id)
    if (results.experiment.status === 'stopped') stopped.push(experiment.id)
  }
  return stopped
}
