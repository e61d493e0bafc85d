import { z } from 'zod'
import type { ChatMessage, NodeContext } from '../../shared/index.ts'
import { askModelForJson } from '../text/index.ts'
import type { IntentConfig } from './config.ts'
import type { IntentScore } from './local-classifier.ts'

/** Examples per intent shown to the model: enough to show the style, short enough to be cheap. */
const EXAMPLES_IN_PROMPT = 3
/** Earlier turns shown to the model, so it can resolve "那退货呢?". */
const TURNS_IN_PROMPT = 4
const MESSAGE_CHARS_IN_PROMPT = 1_000

const answerSchema = z.object({
  intent: z.string(),
  confidence: z.number().min(0).max(1),
})

function describeIntents(config: IntentConfig): string {
  return config.intents
    .map((intent) => {
      const label = Object.values(intent.labels).find((text) => text.trim() !== '')
      const examples = intent.examples
        .slice(0, EXAMPLES_IN_PROMPT)
        .map((example) => JSON.stringify(example))
        .join(', ')
      const about = [label, intent.description].filter((text) => text && text.trim() !== '')
      return `- ${intent.name}${about.length > 0 ? `: ${about.join(' — ')}` : ''}\n  examples: ${examples}`
    })
    .join('\n')
}

function recentTurns(ctx: Pick<NodeContext, 'history'>): string {
  // The last history entry is this turn's own message; the model gets that separately.
  const earlier = ctx.history.slice(0, -1).slice(-TURNS_IN_PROMPT)
  return earlier
    .filter((message) => message.role === 'customer' || message.role === 'bot')
    .map((message) => `${message.role}: ${message.text.slice(0, 300)}`)
    .join('\n')
}

export function intentPrompt(config: IntentConfig, text: string, context: string): ChatMessage[] {
  const system = [
    'You classify a customer-service message into one of the intents below.',
    'Answer with a JSON object only: {"intent": "<intent name>", "confidence": <0 to 1>}.',
    'Use "none" as the intent when the message fits none of them.',
    'Short follow-ups ("and for returns?") refer to the earlier turns.',
    '',
    'Intents:',
    describeIntents(config),
  ].join('\n')
  const user = [
    context === '' ? '' : `Earlier turns:\n${context}\n`,
    `Message: ${JSON.stringify(text.slice(0, MESSAGE_CHARS_IN_PROMPT))}`,
  ].join('\n')
  return [
    { role: 'system', content: system },
    { role: 'user', content: user.trim() },
  ]
}

/**
 * Asks the configured model which intent a message has. A failed call or an answer that is not
 * the JSON asked for throws (the node's `error` port); an intent name the config does not know
 * (including "none") counts as no intent, confidence 0.
 */
export async function classifyWithModel(
  ctx: Pick<NodeContext, 'llm' | 'history'>,
  config: IntentConfig,
  text: string,
): Promise<IntentScore[]> {
  const answer = await askModelForJson(ctx, {
    messages: intentPrompt(config, text, recentTurns(ctx)),
    schema: answerSchema,
    timeoutMs: config.timeoutMs,
    ...(config.provider ? { provider: config.provider } : {}),
    ...(config.model ? { model: config.model } : {}),
  })
  const known = config.intents.some((intent) => intent.name === answer.intent)
  return known ? [{ intent: answer.intent, confidence: answer.confidence }] : []
}
