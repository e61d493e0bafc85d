import { Hono } from 'hono'
import { z } from 'zod'
import {
  applyPolicy,
  compliancePolicySchema,
  InvalidRequestError,
  localeSchema,
  policyIdSchema,
} from '../../../shared/index.ts'
import {
  type ComplianceEventStore,
  complianceEventFilterSchema,
  type PolicyStore,
} from '../../compliance/index.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody } from '../read-body.ts'

export const copyPolicyBodySchema = z.object({
  id: policyIdSchema,
  name: z.string().trim().min(1).max(200).optional(),
})

export const tryPolicyBodySchema = z.object({
  text: z.string().max(20_000),
  locale: localeSchema.default('zh-CN'),
})

export interface ComplianceRoutesOptions {
  policies: PolicyStore
  events: ComplianceEventStore
}

const maxPolicyBytes = 1024 * 1024

/** Compliance policies (presets read-only), trying one on a text, and the decision log. */
export function complianceRoutes(options: ComplianceRoutesOptions) {
  const { policies, events } = options
  const app = new Hono<{ Variables: AuthVariables }>()

  app.get('/policies', async (c) => c.json({ policies: await policies.list() }))

  app.post('/policies', async (c) => {
    const policy = await readJsonBody(c, compliancePolicySchema, maxPolicyBytes)
    return c.json(await policies.create(policy), 201)
  })

  app.get('/policies/:id', async (c) => {
    const policyId = policyIdParam(c.req.param('id'))
    const stored = await policies.get(policyId)
    return c.json({ ...stored, usedBy: await policies.flowsUsing(policyId) })
  })

  app.put('/policies/:id', async (c) => {
    const policyId = policyIdParam(c.req.param('id'))
    const body = await readJsonBody(c, z.record(z.string(), z.unknown()), maxPolicyBytes)
    const policy = parseOrThrow(compliancePolicySchema, { ...body, id: body.id ?? policyId })
    if (policy.id !== policyId) {
      throw new InvalidRequestError([
        {
          path: ['id'],
          message: `The policy's id "${policy.id}" differs from the URL's "${policyId}"`,
        },
      ])
    }
    return c.json(await policies.save(policy))
  })

  app.delete('/policies/:id', async (c) => {
    await policies.delete(policyIdParam(c.req.param('id')))
    return c.body(null, 204)
  })

  app.post('/policies/:id/copy', async (c) => {
    const source = await policies.get(policyIdParam(c.req.param('id')))
    const body = await readJsonBody(c, copyPolicyBodySchema, 64 * 1024)
    const name = body.name ?? `${source.policy.name} (copy)`
    return c.json(await policies.create({ ...source.policy, id: body.id, name }), 201)
  })

  // Trying a policy records nothing: it is the editor's preview, not a customer's reply.
  app.post('/policies/:id/try', async (c) => {
    const policy = await policies.resolve(policyIdParam(c.req.param('id')))
    const body = await readJsonBody(c, tryPolicyBodySchema, 64 * 1024)
    const outcome = await applyPolicy(policy, body.text, { locale: body.locale })
    const { pendingRewrites: _pending, ...shown } = outcome
    return c.json({ ...shown, rules: [...new Set(outcome.findings.map((f) => f.ruleId))] })
  })

  app.get('/events', async (c) => {
    const filter = parseOrThrow(complianceEventFilterSchema, c.req.query())
    return c.json(await events.list(filter))
  })

  return app
}

function policyIdParam(value: string): string {
  return parseOrThrow(policyIdSchema, value)
}
