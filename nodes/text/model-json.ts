import type { z } from 'zod'
import { type ChatMessage, ModelAnswerInvalidError, type NodeContext } from '../../shared/index.ts'

export interface ModelJsonRequest<Schema extends z.ZodType> {
  messages: ChatMessage[]
  schema: Schema
  timeoutMs: number
  provider?: string
  model?: string
}

/**
 * Asks the model for a JSON object and checks it against `schema`. A failed call (timeout,
 * connection, HTTP error) throws the service's error; an answer that is not JSON or does not fit
 * throws ModelAnswerInvalidError. Either takes the node's `error` port with the reason in the
 * trace.
 */
export async function askModelForJson<Schema extends z.ZodType>(
  ctx: Pick<NodeContext, 'llm'>,
  request: ModelJsonRequest<Schema>,
): Promise<z.output<Schema>> {
  const answer = await ctx.llm.chat({
    messages: request.messages,
    isJson: true,
    temperature: 0,
    timeoutMs: request.timeoutMs,
    ...(request.provider ? { provider: request.provider } : {}),
    ...(request.model ? { model: request.model } : {}),
  })
  let parsed: unknown
  try {
    parsed = JSON.parse(stripCodeFence(answer.text))
  } catch {
    throw new ModelAnswerInvalidError(`not JSON: ${JSON.stringify(answer.text.slice(0, 80))}`)
  }
  const checked = request.schema.safeParse(parsed)
  if (!checked.success) {
    const first = checked.error.issues[0]
    const where = first?.path.length ? first.path.join('.') : 'answer'
    throw new ModelAnswerInvalidError(`${where}: ${first?.message ?? 'does not fit'}`)
  }
  return checked.data
}

/** Some models wrap JSON in a Markdown fence even in JSON mode. */
function stripCodeFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text)
  return fenced?.[1] ?? text
}
