import type { JsonObject, JsonValue, NodeContext } from '../../shared/index.ts'

/** What agents read first when they open a handed-off conversation. */
export interface HandoffSummary extends JsonObject {
  /** Two or three sentences for the agent. */
  text: string
  /** `model` when a configured model wrote `text`, else `extractive` (pieced from the facts). */
  source: 'model' | 'extractive'
  /** The intent's name, as its port is called: `returns`. */
  intent: string | null
  /** The intent's label in the conversation's language (`退货`), when the intent table has one. */
  intentLabel: string | null
  entities: JsonObject
  sentiment: number | null
  /** `positive`, `neutral` or `negative`: a code, which readers put in their own language. */
  sentimentLabel: string | null
  /** The customer's last messages, oldest first. */
  customerSaid: string[]
  /** What the bot last answered, oldest first. */
  botTried: string[]
}

const recentCount = 3
const quoteChars = 120

/** The facts of the conversation so far, read from node outputs, signals and the transcript. */
export function collectFacts(
  ctx: Pick<NodeContext, 'scope' | 'history'> & Partial<Pick<NodeContext, 'locale'>>,
): HandoffSummary {
  let intent: string | null = null
  let intentLabel: string | null = null
  const entities: JsonObject = {}
  for (const output of Object.values(ctx.scope.nodes)) {
    if (!isObject(output)) continue
    // The intent node writes `intent` (null when unsure) and its `label` for the conversation's
    // locale; the extract node writes `slots`.
    if (typeof output.intent === 'string') {
      intent = output.intent
      intentLabel = typeof output.label === 'string' && output.label !== '' ? output.label : null
    }
    if (isObject(output.slots)) Object.assign(entities, output.slots)
  }
  const sentiment = ctx.scope.sys.sentiment
  const label = ctx.scope.sys.sentimentLabel
  const said = (role: 'customer' | 'bot') =>
    ctx.history
      .filter((m) => m.role === role && m.text.trim() !== '')
      .slice(-recentCount)
      .map((m) => clip(m.text))
  const facts: HandoffSummary = {
    text: '',
    source: 'extractive',
    intent,
    intentLabel,
    entities,
    sentiment: typeof sentiment === 'number' ? sentiment : null,
    sentimentLabel: typeof label === 'string' ? label : null,
    customerSaid: said('customer'),
    botTried: said('bot'),
  }
  return { ...facts, text: extractiveText(facts, isChinese(ctx)) }
}

/**
 * The summary: written by the model when one is configured (not the offline provider) and it
 * answers in time, else pieced together from the facts. A failing model never fails the handoff.
 */
export async function summarize(
  ctx: Pick<NodeContext, 'scope' | 'history' | 'llm' | 'trace' | 'locale'>,
  useModel: boolean,
): Promise<HandoffSummary> {
  const facts = collectFacts(ctx)
  if (!useModel || ctx.history.length === 0) return facts
  try {
    const answer = await ctx.llm.chat({
      messages: [
        {
          role: 'system',
          content: `You brief a human customer-service agent taking over a chat from a bot. In ${isChinese(ctx) ? 'Simplified Chinese' : 'English'}, in at most three short sentences: what the customer wants, the key facts (order numbers, amounts, dates), how they feel, and what the bot already tried. No greeting.`,
        },
        { role: 'user', content: transcriptFor(ctx, facts) },
      ],
      temperature: 0,
      maxTokens: 300,
      timeoutMs: 8000,
    })
    // The offline provider only echoes sentences back: the extractive summary is better.
    if (answer.isOffline || answer.text.trim() === '') return facts
    return { ...facts, text: answer.text.trim(), source: 'model' }
  } catch (error) {
    ctx.trace.note('the model could not summarise; using the extractive summary', {
      error: error instanceof Error ? error.message : String(error),
    })
    return facts
  }
}

function transcriptFor(ctx: Pick<NodeContext, 'history'>, facts: HandoffSummary): string {
  const lines = ctx.history
    .slice(-12)
    .map((m) => `${m.role === 'customer' ? 'Customer' : 'Bot'}: ${clip(m.text, 400)}`)
  const known: string[] = []
  if (facts.intent) known.push(`intent: ${facts.intentLabel ?? facts.intent}`)
  if (Object.keys(facts.entities).length > 0)
    known.push(`entities: ${JSON.stringify(facts.entities)}`)
  if (facts.sentimentLabel) known.push(`sentiment: ${facts.sentimentLabel} (${facts.sentiment})`)
  return [...lines, '', ...known].join('\n')
}

// The sentiment analyzer's labels, as the summary's reader says them.
const sentimentWords: Record<string, { zh: string; en: string }> = {
  positive: { zh: '正面', en: 'positive' },
  neutral: { zh: '中性', en: 'neutral' },
  negative: { zh: '负面', en: 'negative' },
}

function extractiveText(facts: HandoffSummary, isZh: boolean): string {
  const parts: string[] = []
  const intent = facts.intentLabel ?? facts.intent
  const word = facts.sentimentLabel ? sentimentWords[facts.sentimentLabel] : undefined
  const feeling = word ? (isZh ? word.zh : word.en) : facts.sentimentLabel
  const entityText = Object.entries(facts.entities)
    .map(([name, value]) => `${name}=${formatValue(value)}`)
    .join(isZh ? '，' : ', ')
  const lastSaid = facts.customerSaid[facts.customerSaid.length - 1]
  const lastBot = facts.botTried[facts.botTried.length - 1]
  if (isZh) {
    if (intent) parts.push(`意图：${intent}`)
    if (entityText) parts.push(`信息：${entityText}`)
    if (feeling) parts.push(`情绪：${feeling}（${facts.sentiment}）`)
    if (lastSaid) parts.push(`客户最后说：「${lastSaid}」`)
    if (lastBot) parts.push(`机器人最后回复：「${lastBot}」`)
    return parts.length > 0 ? `${parts.join('；')}。` : '客户在对话开始时即转人工。'
  }
  if (intent) parts.push(`Intent: ${intent}`)
  if (entityText) parts.push(`Details: ${entityText}`)
  if (feeling) parts.push(`Sentiment: ${feeling} (${facts.sentiment})`)
  if (lastSaid) parts.push(`Customer last said: "${lastSaid}"`)
  if (lastBot) parts.push(`Bot last replied: "${lastBot}"`)
  return parts.length > 0 ? `${parts.join('. ')}.` : 'The customer asked for a person right away.'
}

function isChinese(ctx: Partial<Pick<NodeContext, 'locale'>>): boolean {
  return (ctx.locale ?? 'zh-CN').toLowerCase().startsWith('zh')
}

function formatValue(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function clip(text: string, max = quoteChars): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
