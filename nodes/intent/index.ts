import { AppError, defineNode, type JsonObject, type NodeContext } from '../../shared/index.ts'
import { pickLocalizedText } from '../localized-text.ts'
import { classifyWithModel } from './classify-llm.ts'
import { type IntentConfig, intentConfigSchema } from './config.ts'
import {
  followUpReadings,
  hasFollowUpMarker,
  isShortMessage,
  previousCustomerMessage,
} from './follow-up.ts'
import {
  type IntentScore,
  type LocalClassifier,
  loadLocalModel,
  trainLocalModel,
} from './local-classifier.ts'

/** Intents listed in the node's output, most likely first. */
const TOP_INTENTS = 3

interface Decision {
  ranking: IntentScore[]
  source: 'local' | 'llm'
  usedHistory: boolean
}

function isLocalClassifier(value: unknown): value is LocalClassifier {
  return typeof value === 'object' && value !== null && 'classify' in value
}

function localClassifierOf(ctx: NodeContext): LocalClassifier {
  if (isLocalClassifier(ctx.prepared)) return ctx.prepared
  // The engine always loads what prepare stored; only a hand-built context lacks it.
  throw new AppError('internal', 'The intent model was not prepared: publish the flow again')
}

function topConfidence(ranking: readonly IntentScore[]): number {
  return ranking[0]?.confidence ?? 0
}

/**
 * Local classification with the follow-up rule (README, "Follow-ups"). A short message that
 * reads as a follow-up ("那退货呢?") or that the classifier is unsure of is read in the light of
 * the customer's previous message (followUpReadings); the surest reading is taken for a marked
 * follow-up when it is sure, and for an unmarked one when it is surer than the message alone.
 */
function classifyLocally(ctx: NodeContext, cfg: IntentConfig, text: string): Decision {
  const classifier = localClassifierOf(ctx)
  const ranking = classifier.classify(text)
  const decision: Decision = { ranking, source: 'local', usedHistory: false }
  if (!cfg.useHistory || !isShortMessage(text)) return decision
  const isMarked = hasFollowUpMarker(text)
  const isUnsure = topConfidence(ranking) < cfg.threshold
  if (!isMarked && !isUnsure) return decision
  const previous = previousCustomerMessage(ctx.history, text)
  if (previous === undefined) return decision
  const withContext = followUpReadings(previous, text)
    .map((reading) => classifier.classify(reading))
    .reduce((best, ranking) => (topConfidence(ranking) > topConfidence(best) ? ranking : best), [])
  const combined = topConfidence(withContext)
  const isBetter = combined > topConfidence(ranking) || (isMarked && combined >= cfg.threshold)
  return isBetter ? { ranking: withContext, source: 'local', usedHistory: true } : decision
}

async function decide(ctx: NodeContext, cfg: IntentConfig, text: string): Promise<Decision> {
  switch (cfg.mode) {
    case 'local':
      return classifyLocally(ctx, cfg, text)
    case 'llm':
      return { ranking: await classifyWithModel(ctx, cfg, text), source: 'llm', usedHistory: false }
    case 'hybrid': {
      const local = classifyLocally(ctx, cfg, text)
      if (topConfidence(local.ranking) >= cfg.threshold) return local
      ctx.trace.note('local classifier unsure; asking the model', {
        intent: local.ranking[0]?.intent ?? null,
        confidence: round(topConfidence(local.ranking)),
      })
      return { ranking: await classifyWithModel(ctx, cfg, text), source: 'llm', usedHistory: false }
    }
    default: {
      const unknownMode: never = cfg.mode
      throw new Error(`unknown intent mode ${String(unknownMode)}`)
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

export default defineNode({
  type: 'intent',
  version: 1,
  category: 'understand',
  titles: { 'zh-CN': '意图识别', en: 'Intent' },
  descriptions: {
    'zh-CN': '按示例句识别客户想做什么，每个意图一个出口；不确定或不在范围内时走 fallback。',
    en: 'Recognizes what the customer wants from example utterances: one port per intent, fallback when unsure.',
  },
  config: intentConfigSchema,
  outputs: (cfg) => [...cfg.intents.map((intent) => intent.name), 'fallback', 'error'],
  prepare(cfg) {
    // The model answers in `llm` mode; nothing to train.
    if (cfg.mode === 'llm') return null
    return trainLocalModel(cfg.intents)
  },
  load(prepared, cfg) {
    if (prepared === null) return undefined
    return loadLocalModel(prepared, cfg.intents)
  },
  async run(ctx, cfg) {
    const text = ctx.message.text
    if (text.trim() === '') {
      return { port: 'fallback', output: { intent: null, confidence: 0, top: [], isEmpty: true } }
    }
    const decision = await decide(ctx, cfg, text)
    const best = decision.ranking[0]
    const top = decision.ranking
      .slice(0, TOP_INTENTS)
      .map(({ intent, confidence }) => ({ intent, confidence: round(confidence) }))
    const isSure = best !== undefined && best.confidence >= cfg.threshold
    const taken = isSure ? cfg.intents.find((row) => row.name === best.intent) : undefined
    const output: JsonObject = {
      intent: isSure ? best.intent : null,
      // What a person reads (the handoff summary): the intent's label in the conversation's
      // language when the table has one, else null and readers show the name.
      label: (taken && pickLocalizedText('', taken.labels, ctx.locale)) || null,
      confidence: round(best?.confidence ?? 0),
      top,
      source: decision.source,
      usedHistory: decision.usedHistory,
    }
    return { port: isSure ? best.intent : 'fallback', output }
  },
})
