import { z } from 'zod'
import {
  defineNode,
  type JsonObject,
  type JsonValue,
  type NodeContext,
  variableSchema,
} from '../../shared/index.ts'
import { localizedVariantsSchema, renderLocalizedText } from '../localized-text.ts'
import { patternProblem } from './custom-entities.ts'
import type { EntityMatch } from './entity-match.ts'
import { defaultOrderPattern, entityTypes, findEntities } from './find-entities.ts'
import { extractWithModel } from './model-extract.ts'

/** Longer messages are read up to here: nobody types slots after 20,000 characters. */
const MAX_TEXT_CHARS = 20_000

const slotSchema = z.object({
  name: z.string().min(1).max(64),
  entity: z.enum(entityTypes),
  variable: variableSchema.shape.name.meta({ ui: 'variable' }),
  required: z.boolean().default(true),
  /** The question to ask when the slot is missing, handed on in the output. */
  prompt: z.string().max(1000).default('').meta({ ui: 'template' }),
  promptVariants: localizedVariantsSchema.default({}),
  /** For the model: what the slot means. */
  description: z.string().max(500).default(''),
  /** `custom`: a regular expression; `orderNumber`: overrides the node's orderPattern. */
  pattern: z.string().max(500).default(''),
  /** `custom`: the allowed values and their synonyms. */
  values: z
    .array(
      z.object({
        value: z.string().min(1).max(200),
        synonyms: z.array(z.string().min(1).max(200)).max(50).default([]),
      }),
    )
    .max(200)
    .default([]),
})

const config = z
  .object({
    slots: z.array(slotSchema).max(30).default([]).meta({ ui: 'table' }),
    mode: z.enum(['local', 'llm', 'hybrid']).default('local'),
    orderPattern: z.string().min(1).max(500).default(defaultOrderPattern),
    /** A slot whose variable already holds a value counts as filled (for ask-and-extract loops). */
    keepFilled: z.boolean().default(true),
    instructions: z.string().max(4000).default('').meta({ ui: 'prompt' }),
    provider: z.string().max(100).optional(),
    model: z.string().max(200).optional(),
    timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
  })
  .superRefine((cfg, check) => {
    if (cfg.slots.length === 0) {
      check.addIssue({ code: 'custom', path: ['slots'], message: 'add at least one slot' })
    }
    const problem = patternProblem(cfg.orderPattern)
    if (problem) check.addIssue({ code: 'custom', path: ['orderPattern'], message: problem })
    const seen = new Set<string>()
    cfg.slots.forEach((slot, i) => {
      const at = (field: string) => ['slots', i, field]
      if (seen.has(slot.name)) {
        check.addIssue({ code: 'custom', path: at('name'), message: 'slot names must differ' })
      }
      seen.add(slot.name)
      const slotProblem = slot.pattern ? patternProblem(slot.pattern) : undefined
      if (slotProblem) check.addIssue({ code: 'custom', path: at('pattern'), message: slotProblem })
      if (slot.entity === 'custom' && slot.values.length === 0 && slot.pattern === '') {
        const message = 'a custom slot needs values or a pattern'
        check.addIssue({ code: 'custom', path: at('values'), message })
      }
      if (slot.entity === 'text' && cfg.mode === 'local') {
        const message = 'free-text slots need mode llm or hybrid'
        check.addIssue({ code: 'custom', path: at('entity'), message })
      }
    })
  })

type ExtractConfig = z.output<typeof config>
type Slot = ExtractConfig['slots'][number]

function isFilled(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null && (typeof value !== 'string' || value.trim() !== '')
}

function findLocally(ctx: NodeContext, cfg: ExtractConfig, text: string) {
  const found = new Map<string, EntityMatch>()
  for (const slot of cfg.slots) {
    const match = findEntities(text, slot, { clock: ctx.clock, orderPattern: cfg.orderPattern })[0]
    if (match) found.set(slot.name, match)
  }
  return found
}

async function extract(ctx: NodeContext, cfg: ExtractConfig) {
  const text = ctx.message.text.slice(0, MAX_TEXT_CHARS)
  const values = new Map<string, JsonValue>()
  const details: JsonObject = {}
  if (cfg.mode !== 'llm') {
    for (const [name, match] of findLocally(ctx, cfg, text)) {
      values.set(name, match.value)
      details[name] = { text: match.text, ...match.detail }
    }
  }
  const forModel = cfg.slots.filter((slot) => !values.has(slot.name))
  const needsModel = cfg.mode !== 'local' && forModel.length > 0 && text.trim() !== ''
  if (needsModel) {
    const options = { ...cfg, clock: ctx.clock }
    for (const [name, value] of await extractWithModel(ctx, text, forModel, options)) {
      values.set(name, value)
      details[name] = { source: 'model' }
    }
  }
  return { values, details }
}

function missingPrompt(ctx: NodeContext, slot: Slot): string {
  return renderLocalizedText(ctx, slot.prompt, slot.promptVariants)
}

export default defineNode({
  type: 'extract',
  version: 1,
  category: 'understand',
  titles: { 'zh-CN': '信息提取', en: 'Extract' },
  descriptions: {
    'zh-CN': '从客户的话里提取手机号、日期、金额、订单号等信息，填入变量；缺少必填项时走 missing。',
    en: 'Extracts phone numbers, dates, amounts, order numbers and more into variables.',
  },
  config,
  outputs: () => ['complete', 'missing', 'error'],
  async run(ctx, cfg) {
    const { values, details } = await extract(ctx, cfg)
    const slots: JsonObject = {}
    const missing: Slot[] = []
    for (const slot of cfg.slots) {
      const said = values.get(slot.name)
      if (said !== undefined) {
        ctx.setVariable(slot.variable, said)
        slots[slot.name] = said
        continue
      }
      const earlier = cfg.keepFilled ? ctx.scope.vars[slot.variable] : undefined
      if (isFilled(earlier)) slots[slot.name] = earlier
      else if (slot.required) missing.push(slot)
    }
    const output: JsonObject = { slots, found: details, missing: missing.map((s) => s.name) }
    if (missing.length === 0) return { port: 'complete', output }
    const prompts = missing.map((slot) => missingPrompt(ctx, slot))
    const firstPrompt = prompts.find((p) => p.trim() !== '') ?? ''
    return { port: 'missing', output: { ...output, prompts, prompt: firstPrompt } }
  },
})
