import type { ChatMessage, TranscriptMessage } from '../../shared/index.ts'

/**
 * The last `turns` exchanges before this message, as chat messages: a turn starts at a customer
 * message and holds the replies after it. This turn's own message is left out (the user prompt
 * carries it), and so are system notes.
 */
export function historyWindow(
  history: readonly TranscriptMessage[],
  turns: number,
  inboundText: string,
): ChatMessage[] {
  if (turns <= 0) return []
  const earlier = [...history]
  const last = earlier.at(-1)
  if (last?.role === 'customer' && last.text === inboundText) earlier.pop()
  let start = earlier.length
  let customerMessages = 0
  for (let i = earlier.length - 1; i >= 0 && customerMessages < turns; i--) {
    if (earlier[i]?.role === 'customer') {
      customerMessages++
      start = i
    }
  }
  return earlier
    .slice(start)
    .filter((message) => message.role !== 'system' && message.text.trim() !== '')
    .map((message) => ({
      role: message.role === 'customer' ? 'user' : 'assistant',
      content: message.text,
    }))
}

const jsonInstruction = {
  zh: '请只输出一个符合以下 JSON Schema 的 JSON 对象，不要输出其他文字：',
  en: 'Answer with one JSON object that matches this JSON Schema, and nothing else:',
}

export interface PromptParts {
  systemPrompt: string
  knowledge: string
  history: ChatMessage[]
  userPrompt: string
  /** The JSON Schema text when the node asks for JSON output. */
  jsonSchema?: string
  locale: string
}

/** system (prompt, knowledge, JSON instruction) → history window → the user prompt. */
export function buildMessages(parts: PromptParts): ChatMessage[] {
  const isEnglish = parts.locale.toLowerCase().startsWith('en')
  const system = [parts.systemPrompt.trim(), parts.knowledge]
  if (parts.jsonSchema !== undefined) {
    system.push(`${isEnglish ? jsonInstruction.en : jsonInstruction.zh}\n${parts.jsonSchema}`)
  }
  const systemText = system.filter((part) => part !== '').join('\n\n')
  return [
    ...(systemText === '' ? [] : [{ role: 'system' as const, content: systemText }]),
    ...parts.history,
    { role: 'user', content: parts.userPrompt },
  ]
}
