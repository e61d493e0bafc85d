import type {
  CreateExperimentInput,
  Experiment,
  ExperimentResults,
  SampleSizeEstimate,
} from '../../../shared/index.ts'
import { apiRequest } from '../api-client.ts'

// Answers are typed by the shared experiment types the server builds them from.

export type ExperimentWithPlan = Experiment & { plannedSampleSize: SampleSizeEstimate }

const base = '/api/experiments'
const path = (id: string) => `${base}/${encodeURIComponent(id)}`

export async function listExperiments(): Promise<Experiment[]> {
  return ((await apiRequest('GET', base)) as { experiments: Experiment[] }).experiments
}

export async function createExperiment(input: CreateExperimentInput): Promise<ExperimentWithPlan> {
  return (await apiRequest('POST', base, input)) as ExperimentWithPlan
}

export async function readResults(experimentId: string): Promise<ExperimentResults> {
  return (await apiRequest('GET', `${path(experimentId)}/results`)) as ExperimentResults
}

export async function changeStatus(
  experimentId: string,
  action: 'start' | 'pause' | 'stop',
): Promise<ExperimentWithPlan> {
  return (await apiRequest('POST', `${path(experimentId)}/${action}`)) as ExperimentWithPlan
}

export async function promoteVariant(
  experimentId: string,
  variant: string,
): Promise<{ version: number; isRepublished: boolean }> {
  return (await apiRequest('POST', `${path(experimentId)}/promote`, { variant })) as {
    version: number
    isRepublished: boolean
  }
}

export async function estimateSampleSize(query: {
  baseline: number
  mde: number
  alpha: number
  power: number
  weights: number[]
}): Promise<SampleSizeEstimate> {
  const search = new URLSearchParams({
    baseline: String(query.baseline),
    mde: String(query.mde),
    alpha: String(query.alpha),
    power: String(query.power),
    weights: query.weights.join(','),
  })
  return (await apiRequest('GET', `/api/statistics/sample-size?${search}`)) as SampleSizeEstimate
}

export interface FlowChoice {
  id: string
  name: string
  latestVersion: number | null
}

export async function listFlowChoices(): Promise<FlowChoice[]> {
  return ((await apiRequest('GET', '/api/flows')) as { flows: FlowChoice[] }).flows
}

export async function listVersionNumbers(flowId: string): Promise<number[]> {
  const body = (await apiRequest('GET', `/api/flows/${encodeURIComponent(flowId)}/versions`)) as {
    versions: { version: number }[]
  }
  return body.versions.map((v) => v.version)
}
