import { z } from 'zod'
import {
  defineNode,
  type JsonValue,
  type NodeContext,
  type NodeResult,
  type QuickReply,
  variableSchema,
} from '../../shared/index.ts'
import { localizedVariantsSchema, renderLocalizedText } from '../localized-text.ts'
import { type AnswerChoice, answerTypes, parseAnswer } from './parse-answer.ts'

const DEFAULT_RETRY_MESSAGE = '抱歉，我没有听懂，请再说一次。'
const DEFAULT_RETRY_VARIANTS = { en: "Sorry, I didn't catch that. Could you say it again?" }

const choiceSchema = z.object({
  label: z.string().min(1).max(200).meta({ ui: 'template' }),
  /** Stored in the variable and sent as the quick-reply payload; the label when omitted. */
  value: z.string().min(1).max(200).optional(),
  synonyms: z.array(z.string().min(1).max(200)).max(50).default([]),
})

const config = z
  .object({
    question: z.string().max(4000).default('').meta({ ui: 'template' }),
    variants: localizedVariantsSchema.default({}),
    variable: variableSchema.shape.name.meta({ ui: 'variable' }),
    answerType: z.enum(answerTypes).default('text'),
    choices: z.array(choiceSchema).max(20).default([]).meta({ ui: 'table' }),
    pattern: z.string().max(500).default(''),
    retryMessage: z.string().max(4000).default(DEFAULT_RETRY_MESSAGE).meta({ ui: 'template' }),
    retryVariants: localizedVariantsSchema.default(DEFAULT_RETRY_VARIANTS),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    skipIfFilled: z.boolean().default(false),
  })
  .superRefine((cfg, check) => {
    if (cfg.answerType === 'choice' && cfg.choices.length === 0) {
      check.addIssue({ code: 'custom', path: ['choices'], message: 'add at least one choice' })
    }
    if (cfg.answerType === 'regex') {
      const problem = regexProblem(cfg.pattern)
      if (problem) check.addIssue({ code: 'custom', path: ['pattern'], message: problem })
    }
  })

type AskConfig = z.output<typeof config>

function regexProblem(pattern: string): string | undefined {
  if (pattern === '') return 'enter a pattern'
  try {
    new RegExp(pattern)
    return undefined
  } catch {
    return 'not a valid regular expression'
  }
}

/** What `wait` saves between the question and the answer. */
const waitStateSchema = z.object({ attempts: z.number().int().min(0) })

/** A declared variable starts out null or empty; neither counts as answered. */
function isFilled(value: JsonValue): boolean {
  return value !== null && (typeof value !== 'string' || value.trim() !== '')
}

function renderChoices(ctx: NodeContext, cfg: AskConfig): AnswerChoice[] {
  return cfg.choices.map((choice) => ({ ...choice, label: ctx.render(choice.label) }))
}

function emitQuestion(ctx: NodeContext, cfg: AskConfig): void {
  const text = renderLocalizedText(ctx, cfg.question, cfg.variants)
  const quickReplies =
    cfg.answerType === 'choice'
      ? renderChoices(ctx, cfg).map(
          ({ label, value }): QuickReply => (value === undefined ? { label } : { label, value }),
        )
      : []
  if (quickReplies.length > 0) ctx.emit({ text, quickReplies })
  else if (text.trim() !== '') ctx.emit({ text })
}

export default defineNode({
  type: 'ask',
  version: 1,
  category: 'basic',
  titles: { 'zh-CN': '提问', en: 'Ask' },
  descriptions: {
    'zh-CN': '向客户提问，校验回答并存入变量；答不上来时重问，超过次数走 invalid。',
    en: 'Asks the customer, checks the answer and stores it in a variable; re-asks on a bad answer.',
  },
  config,
  outputs: () => ['answer', 'invalid', 'error'],
  canWait: true,
  run(ctx, cfg) {
    const current = ctx.scope.vars[cfg.variable]
    if (cfg.skipIfFilled && current !== undefined && isFilled(current)) {
      return { port: 'answer', output: { value: current, isSkipped: true } }
    }
    emitQuestion(ctx, cfg)
    return { wait: { state: { attempts: 0 } } }
  },
  resume(ctx, cfg): NodeResult {
    const { payload, text } = ctx.message
    const raw = payload ?? text
    const rule = { ...cfg, choices: renderChoices(ctx, cfg) }
    // A tapped button's payload is the answer; its text is the fallback, e.g. a button left
    // over from an earlier node whose label still names a choice here.
    const value = [payload, text]
      .filter((answer) => answer !== undefined)
      .map((answer) => parseAnswer(answer, rule))
      .find((parsed) => parsed !== undefined)
    if (value !== undefined) {
      ctx.setVariable(cfg.variable, value)
      return { port: 'answer', output: { value, raw } }
    }

    const attempts = (waitStateSchema.safeParse(ctx.waitState).data?.attempts ?? 0) + 1
    if (attempts >= cfg.maxAttempts) return { port: 'invalid', output: { raw, attempts } }
    const retry = renderLocalizedText(ctx, cfg.retryMessage, cfg.retryVariants)
    if (retry.trim() !== '') ctx.emit({ text: retry })
    emitQuestion(ctx, cfg)
    return { wait: { state: { attempts } } }
  },
})
