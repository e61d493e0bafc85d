import type { Flow, Interrupt, JsonObject, JsonValue } from '../../shared/index.ts'

/** A flow's global interrupts, prepared once per compiled flow. */
export interface CompiledInterrupts {
  /** Checked before a customer turn, in the flow's order. */
  beforeTurn: readonly { interrupt: Interrupt; phrases: readonly string[] }[]
  /** The `fallbacks` interrupt: the first one wins. */
  fallbacks: Interrupt | undefined
  /** Where a compliance `handoff` finding goes (see complianceTarget). */
  complianceTarget: string | undefined
}

export interface FiredInterrupt {
  target: string
  /** Kept as `sys.interrupt` for this turn, e.g. for the handoff node's reason. */
  signal: JsonObject
}

/**
 * The flow's interrupts, or undefined when it has none; made once by compileFlow.
 * `isHandoffNode` lets a compliance handoff fall back to the first interrupt that leads to a
 * handoff node when no `compliance` interrupt names a target.
 */
export function compileInterrupts(
  flow: Flow,
  isHandoffNode: (nodeId: string) => boolean,
): CompiledInterrupts | undefined {
  const list = flow.settings.interrupts ?? []
  if (list.length === 0) return undefined
  return {
    beforeTurn: list
      .filter((i) => i.kind === 'phrases' || i.kind === 'sentiment')
      .map((interrupt) => ({
        interrupt,
        phrases: interrupt.phrases.map(normalizeForMatch).filter((p) => p !== ''),
      })),
    fallbacks: list.find((i) => i.kind === 'fallbacks'),
    complianceTarget:
      list.find((i) => i.kind === 'compliance')?.target ??
      list.find((i) => isHandoffNode(i.target))?.target,
  }
}

/** The first interrupt the customer's message sets off, checked before the turn runs. */
export function findInterrupt(
  compiled: CompiledInterrupts,
  text: string,
  signals: Readonly<Record<string, JsonValue>>,
): FiredInterrupt | undefined {
  let normalized: string | undefined
  for (const { interrupt, phrases } of compiled.beforeTurn) {
    if (interrupt.kind === 'phrases') {
      normalized ??= normalizeForMatch(text)
      const phrase = phrases.find((p) => normalized?.includes(p))
      if (phrase !== undefined) {
        return { target: interrupt.target, signal: { kind: 'phrases', phrase } }
      }
      continue
    }
    const sentiment = signals.sentiment
    if (typeof sentiment === 'number' && sentiment < interrupt.threshold) {
      return { target: interrupt.target, signal: { kind: 'sentiment', sentiment } }
    }
  }
  return undefined
}

/** Case, width, spaces and punctuation do not matter: "转 人工！" matches "转人工". */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}
