import { z } from 'zod'
import type { ApiClient, ApiResponse } from './api-client.ts'
import type { LatencyRecorder } from './latency-recorder.ts'

export const benchFlowId = 'ecommerce-order-service'

/** One customer message and the status the conversation must have after it. */
interface ScriptedTurn {
  text: string
  payload?: string
  status: 'active' | 'closed'
}

/**
 * A return for a quality problem, then an order status query, then goodbye: the example flow's
 * two main paths and its loop back. The order number is asked again because "还有问题" clears it.
 */
function scriptedTurns(orderSuffix: string): ScriptedTurn[] {
  return [
    { text: '申请退货', payload: 'return', status: 'active' },
    { text: `SO20261125${orderSuffix}`, status: 'active' },
    { text: '质量问题', status: 'active' },
    { text: '还有问题', status: 'active' },
    { text: '查询订单', status: 'active' },
    { text: `SO20261126${orderSuffix}`, status: 'active' },
    { text: '没有了', status: 'closed' },
  ]
}

/** HTTP requests per conversation: the create and each scripted message. */
export const turnsPerConversation = 1 + scriptedTurns('00000').length

/** Only what the bench checks of the API's answers. */
const turnReplySchema = z.object({ status: z.string() })
const startReplySchema = turnReplySchema.extend({ id: z.string() })

/** Counts errors and keeps the first few messages to show what went wrong. */
export class ErrorLog {
  count = 0
  readonly samples: string[] = []

  add(message: string): void {
    this.count++
    if (this.samples.length < 5) this.samples.push(message)
  }
}

/** Opens a conversation as 王女士 and returns its id, or undefined after logging the error. */
export async function openConversation(
  client: ApiClient,
  latencies: LatencyRecorder,
  errors: ErrorLog,
): Promise<string | undefined> {
  const response = await timed(latencies, errors, 'create', () =>
    client.post('/api/conversations', { flowId: benchFlowId, profile: { name: '王女士' } }),
  )
  if (!response) return undefined
  const reply = startReplySchema.safeParse(response.body).data
  if (response.status !== 201 || reply?.status !== 'active') {
    errors.add(`create answered ${response.status}: ${describe(response.body)}`)
    return undefined
  }
  return reply.id
}

/** Runs one whole conversation; stops it at the first reply that is not what the flow says. */
export async function runConversation(
  client: ApiClient,
  index: number,
  latencies: LatencyRecorder,
  errors: ErrorLog,
): Promise<void> {
  const conversationId = await openConversation(client, latencies, errors)
  if (!conversationId) return
  const path = `/api/conversations/${conversationId}/messages`
  for (const turn of scriptedTurns(String(index % 100_000).padStart(5, '0'))) {
    // JSON.stringify leaves out an undefined payload.
    const response = await timed(latencies, errors, turn.text, () =>
      client.post(path, { text: turn.text, payload: turn.payload }),
    )
    if (!response) return
    if (
      response.status !== 200 ||
      turnReplySchema.safeParse(response.body).data?.status !== turn.status
    ) {
      errors.add(`"${turn.text}" answered ${response.status}: ${describe(response.body)}`)
      return
    }
  }
}

async function timed(
  latencies: LatencyRecorder,
  errors: ErrorLog,
  label: string,
  send: () => Promise<ApiResponse>,
): Promise<ApiResponse | undefined> {
  const startedAt = performance.now()
  try {
    const response = await send()
    latencies.record(performance.now() - startedAt)
    return response
  } catch (error) {
    errors.add(`${label}: ${error instanceof Error ? error.message : String(error)}`)
    return undefined
  }
}

function describe(body: unknown): string {
  return JSON.stringify(body)?.slice(0, 300) ?? String(body)
}
