import { Hono } from 'hono'
import { z } from 'zod'
import {
  type Flow,
  FlowInvalidError,
  flowIdSchema,
  flowSchema,
  InvalidRequestError,
  type NodeRegistry,
  type Problem,
  RevisionConflictError,
  validateFlow,
} from '../../../shared/index.ts'
import { publishFlow } from '../../engine/index.ts'
import type { FlowStore } from '../../storage/index.ts'
import type { AuthVariables } from '../auth.ts'
import { parseOrThrow, readJsonBody, readOptionalJsonBody } from '../read-body.ts'

export const saveFlowBodySchema = z.object({
  revision: z.number().int().min(1),
  flow: z.unknown(),
})

export const publishBodySchema = z.object({
  note: z.string().max(2000).default(''),
  /** When given, publishing refuses a draft that changed since the client read it. */
  revision: z.number().int().min(1).optional(),
})

export const validateBodySchema = z.object({ flow: z.unknown().optional() }).default({})

const versionParamSchema = z.coerce.number().int().min(1)

export interface FlowRoutesOptions {
  flows: FlowStore
  registry: NodeRegistry
  /** The compliance publish gate; publishing checks static texts with it when given. */
  checkCompliance?: (flow: Flow) => Promise<Problem[]>
  maxFlowBytes: number
  /**
   * Runs after a flow is deleted (the experiments module stops the flow's experiments), so that
   * nothing of the old flow carries over to a flow re-created with the same id.
   */
  onDeleted?: (flowId: string) => Promise<unknown>
}

/**
 * Drafts may hold node-level problems (operators save work in progress); only a document that
 * is not a flow at all is refused. Publishing refuses any error.
 */
function readDraft(
  input: unknown,
  registry: NodeRegistry,
  flowId: string,
): { flow: Flow; problems: Problem[] } {
  const { problems } = validateFlow(input, registry)
  const parsed = flowSchema.safeParse(input)
  if (!parsed.success) {
    throw new FlowInvalidError(
      flowId,
      problems.filter((p) => p.code === 'schema'),
    )
  }
  // The draft keeps node configs as the operator wrote them; defaults are filled at publish,
  // so a default that changes later is not frozen into every draft.
  return { flow: parsed.data, problems }
}

function idOf(input: unknown): string {
  if (
    typeof input === 'object' &&
    input !== null &&
    'id' in input &&
    typeof input.id === 'string'
  ) {
    return input.id
  }
  return '(no id)'
}

export function flowRoutes(options: FlowRoutesOptions) {
  const { flows, registry, maxFlowBytes, onDeleted } = options
  const app = new Hono<{ Variables: AuthVariables }>()

  app.get('/', async (c) => c.json({ flows: await flows.list() }))

  app.post('/', async (c) => {
    const input = await readJsonBody(c, z.unknown(), maxFlowBytes)
    const { flow, problems } = readDraft(input, registry, idOf(input))
    const draft = await flows.create(flow)
    return c.json({ ...draft, problems }, 201)
  })

  app.get('/:id', async (c) => {
    const draft = await flows.get(flowIdParam(c.req.param('id')))
    return c.json({ ...draft, problems: validateFlow(draft.flow, registry).problems })
  })

  app.put('/:id', async (c) => {
    const flowId = flowIdParam(c.req.param('id'))
    const body = await readJsonBody(c, saveFlowBodySchema, maxFlowBytes)
    const { flow, problems } = readDraft(body.flow, registry, flowId)
    if (flow.id !== flowId) {
      throw new InvalidRequestError([
        {
          path: ['flow', 'id'],
          message: `The flow's id "${flow.id}" differs from the URL's "${flowId}"`,
        },
      ])
    }
    const draft = await flows.save(flow, body.revision)
    return c.json({ ...draft, problems })
  })

  app.delete('/:id', async (c) => {
    const flowId = flowIdParam(c.req.param('id'))
    await flows.delete(flowId)
    await onDeleted?.(flowId)
    return c.body(null, 204)
  })

  app.post('/:id/validate', async (c) => {
    const flowId = flowIdParam(c.req.param('id'))
    const body = await readOptionalJsonBody(c, validateBodySchema, maxFlowBytes)
    const input = body.flow ?? (await flows.get(flowId)).flow
    const { problems, isValid } = validateFlow(input, registry)
    return c.json({ isValid, problems })
  })

  app.post('/:id/publish', async (c) => {
    const flowId = flowIdParam(c.req.param('id'))
    const body = await readOptionalJsonBody(c, publishBodySchema, 64 * 1024)
    const draft = await flows.get(flowId)
    if (body.revision !== undefined && body.revision !== draft.revision) {
      throw new RevisionConflictError(flowId, body.revision, draft.revision)
    }
    const published = await publishFlow({
      flows,
      registry,
      flowId,
      input: draft.flow,
      note: body.note,
      checkCompliance: options.checkCompliance,
    })
    return c.json(published, 201)
  })

  app.get('/:id/versions', async (c) => {
    return c.json({ versions: await flows.listVersions(flowIdParam(c.req.param('id'))) })
  })

  app.get('/:id/versions/:version', async (c) => {
    const flowId = flowIdParam(c.req.param('id'))
    const version = parseOrThrow(versionParamSchema, c.req.param('version'))
    // A deleted flow is gone for the API, though its versions stay for running conversations.
    await flows.get(flowId)
    return c.json(await flows.getVersion(flowId, version))
  })

  return app
}

function flowIdParam(value: string): string {
  return parseOrThrow(flowIdSchema, value)
}
