import type {
  KpiGroup,
  KpiGroupBy,
  UnansweredQuestion,
  VariantNodeStats,
} from '../../../shared/index.ts'
import { apiRequest, readError } from '../api-client.ts'
import { sessionHeaders } from '../app/session-store.ts'
import { downloadFile } from '../download-file.ts'

// Answers are typed by the shared analytics types the server builds them from.

export interface KpiFilter {
  flowId?: string
  from?: string
  to?: string
  groupBy?: KpiGroupBy
  variant?: string
  channel?: string
  locale?: string
  intent?: string
  /** Comma-separated version numbers. */
  versions?: string
}

export interface KpiAnswer {
  groups: KpiGroup[]
  targets: { automationResolutionRate: number; csatRate: number }
  currency: string
}

function search(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, value)
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

export async function fetchKpis(filter: KpiFilter): Promise<KpiAnswer> {
  return (await apiRequest('GET', `/api/analytics/kpis${search({ ...filter })}`)) as KpiAnswer
}

export async function fetchUnanswered(filter: {
  flowId?: string
  from?: string
  to?: string
}): Promise<UnansweredQuestion[]> {
  const body = (await apiRequest('GET', `/api/analytics/unanswered${search(filter)}`)) as {
    questions: UnansweredQuestion[]
  }
  return body.questions
}

export async function fetchNodeStats(
  flowId: string,
  filter: { from?: string; to?: string },
): Promise<VariantNodeStats[]> {
  const path = `/api/analytics/flows/${encodeURIComponent(flowId)}/nodes${search(filter)}`
  return ((await apiRequest('GET', path)) as { variants: VariantNodeStats[] }).variants
}

/** Downloads an export: the API answers CSV (and audits the export). */
export async function downloadCsv(
  kind: 'kpis' | 'unanswered',
  filter: Record<string, string | undefined>,
): Promise<void> {
  const response = await fetch(`/api/analytics/${kind}${search({ ...filter, format: 'csv' })}`, {
    headers: sessionHeaders('GET'),
  })
  const text = await response.text()
  if (!response.ok) {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    throw readError(response.status, body, response.statusText)
  }
  const day = filter.to ?? new Date().toISOString().slice(0, 10)
  downloadFile(`${kind}-${filter.flowId ?? 'workspace'}-${day}.csv`, text)
}

export interface ExperimentChoice {
  id: string
  name: string
  status: string
  variants: { name: string; version: number }[]
  startedAt: string | null
  endedAt: string | null
}

/** The flow's experiments, from the experiments API (owned by runtime/experiments). */
export async function listFlowExperiments(flowId: string): Promise<ExperimentChoice[]> {
  const path = `/api/experiments${search({ flowId })}`
  return ((await apiRequest('GET', path)) as { experiments: ExperimentChoice[] }).experiments
}

export interface FlowChoice {
  id: string
  name: string
}

export async function listFlows(): Promise<FlowChoice[]> {
  return ((await apiRequest('GET', '/api/flows')) as { flows: FlowChoice[] }).flows
}
