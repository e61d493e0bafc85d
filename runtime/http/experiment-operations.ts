import { createExperimentBodySchema, promoteBodySchema } from './routes/experiments.ts'

/** A/B experiment operations (docs/experiments.md), listed in openapi.ts `apiOperations`. */
export function experimentOperations() {
  const tag = 'experiments' as const
  const lifecycle = (action: 'start' | 'pause' | 'stop', summary: string) => ({
    method: 'post' as const,
    path: `/api/experiments/{id}/${action}`,
    summary,
    tag,
    success: { status: 200, description: 'The experiment with its planned sample size' },
    errors: [401, 403, 404, 409],
  })
  return [
    {
      method: 'get' as const,
      path: '/api/experiments',
      summary: 'List experiments, newest first (`?flowId=` for one flow)',
      tag,
      success: { status: 200, description: '{ experiments }' },
      errors: [401, 403, 422],
    },
    {
      method: 'post' as const,
      path: '/api/experiments',
      summary:
        'Create a draft experiment: two or more variants (published versions) with weights, the primary KPI, guardrails, alpha, power and minimum detectable effect',
      tag,
      body: createExperimentBodySchema,
      success: { status: 201, description: 'The experiment with its planned sample size' },
      errors: [400, 401, 403, 404, 413, 422],
    },
    {
      method: 'get' as const,
      path: '/api/statistics/sample-size',
      summary:
        'Conversations needed to find a difference: `?baseline=0.7&mde=0.05&alpha=0.05&power=0.8&weights=50,50`',
      tag,
      success: { status: 200, description: '{ perVariant, total, fixedHorizonPerVariant }' },
      errors: [401, 403, 422],
    },
    {
      method: 'get' as const,
      path: '/api/experiments/{id}',
      summary: 'Read an experiment',
      tag,
      success: { status: 200, description: 'The experiment with its planned sample size' },
      errors: [401, 403, 404],
    },
    {
      method: 'get' as const,
      path: '/api/experiments/{id}/results',
      summary:
        'Per-variant KPIs with confidence intervals, always-valid p-values against the control, the decision and guardrail breaches (a tripped guardrail stops a running experiment)',
      tag,
      success: {
        status: 200,
        description:
          '{ experiment, plannedSampleSize, observedSampleSize, variants, comparisons, decision, guardrailBreaches, currency }',
      },
      errors: [401, 403, 404],
    },
    lifecycle('start', 'Start a draft or resume a paused experiment (one running per flow)'),
    lifecycle('pause', 'Pause: new conversations start on the latest version meanwhile'),
    lifecycle('stop', 'Stop for good; results stay readable'),
    {
      method: 'post' as const,
      path: '/api/experiments/{id}/promote',
      summary:
        "Promote a variant to 100%: its version becomes the flow's latest (republished with a note) and the experiment stops",
      tag,
      body: promoteBodySchema,
      success: { status: 200, description: '{ experiment, version, isRepublished }' },
      errors: [400, 401, 403, 404, 409, 413, 422],
    },
  ]
}
