import { Hono } from 'hono'
import { z } from 'zod'
import { createExperimentBodySchema, type Experiment, flowIdSchema } from '../../../shared/index.ts'
import { type Experiments, estimateSampleSize, plannedSampleSize } from '../../experiments/index.ts'
import type { FlowStore } from '../../storage/index.ts'
import type { AuditVariables } from '../audit-context.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody } from '../read-body.ts'

export { createExperimentBodySchema }

export const promoteBodySchema = z.strictObject({
  /** The variant whose version becomes the flow's default (100% of new conversations). */
  variant: z.string().min(1).max(40),
})

const listQuerySchema = z.object({ flowId: flowIdSchema.optional() })

const commaNumbers = z
  .string()
  .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)+$/, 'two or more weights, comma-separated')
  .transform((text) => text.split(',').map(Number))
  .refine((weights) => weights.filter((w) => w > 0).length >= 2, {
    message: 'at least two weights above 0',
  })

export const sampleSizeQuerySchema = z.object({
  baseline: z.coerce.number().min(0.01).max(0.99).default(0.7),
  mde: z.coerce.number().min(0.005).max(0.5).default(0.05),
  alpha: z.coerce.number().min(0.001).max(0.2).default(0.05),
  power: z.coerce.number().min(0.5).max(0.99).default(0.8),
  weights: commaNumbers.default([50, 50]),
})

const maxExperimentBodyBytes = 64 * 1024

/**
 * The sample size an experiment plan needs, before it exists. Not under /api/experiments: a
 * fixed segment beside `/:id` for the same method makes Hono fall back from its RegExp router
 * to the slower trie router for every request of the app.
 */
export function sampleSizeRoutes() {
  const app = new Hono()
  app.get('/sample-size', (c) => {
    const query = parseOrThrow(sampleSizeQuerySchema, c.req.query())
    const alpha = query.alpha / Math.max(1, query.weights.length - 1)
    return c.json(estimateSampleSize({ ...query, alpha, tau: query.mde }))
  })
  return app
}

/** Experiments between published versions of a flow (DESIGN §9; docs/experiments.md). */
export function experimentRoutes(options: { experiments: Experiments; flows: FlowStore }) {
  const { experiments, flows } = options
  const app = new Hono<{ Variables: AuthVariables & AuditVariables }>()

  app.get('/', async (c) => {
    const query = parseOrThrow(listQuerySchema, c.req.query())
    const list = await experiments.store.list(query.flowId ? { flowId: query.flowId } : {})
    return c.json({ experiments: list })
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c, createExperimentBodySchema, maxExperimentBodyBytes)
    const created = await experiments.create(body, c.get('principal').name)
    c.set('audit', { action: 'experiment.create', target: `experiment:${created.id}` })
    return c.json(withPlan(created), 201)
  })

  app.get('/:id', async (c) => c.json(withPlan(await experiments.store.get(c.req.param('id')))))

  app.get('/:id/results', async (c) => c.json(await experiments.results(c.req.param('id'))))

  for (const action of ['start', 'pause', 'stop'] as const) {
    app.post(`/:id/${action}`, async (c) => {
      const experiment = await experiments[action](c.req.param('id'))
      c.set('audit', {
        action: `experiment.${action}`,
        target: `experiment:${experiment.id}`,
        after: { status: experiment.status },
      })
      return c.json(withPlan(experiment))
    })
  }

  app.post('/:id/promote', async (c) => {
    const experimentId = c.req.param('id')
    const body = await readJsonBody(c, promoteBodySchema, 1024)
    const before = await experiments.store.get(experimentId)
    const latestBefore = await flows.latestVersionOf(before.flowId)
    const promoted = await experiments.promote(experimentId, body.variant)
    c.set('audit', {
      action: 'experiment.promote',
      target: `flow:${before.flowId}`,
      before: { experimentId, status: before.status, latestVersion: latestBefore },
      after: {
        experimentId,
        variant: body.variant,
        version: promoted.version,
        isRepublished: promoted.isRepublished,
      },
    })
    return c.json({ ...promoted, experiment: withPlan(promoted.experiment) })
  })

  return app
}

function withPlan(experiment: Experiment) {
  return { ...experiment, plannedSampleSize: plannedSampleSize(experiment) }
}
