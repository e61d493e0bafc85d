import { z } from 'zod'
import { localizedVariantsSchema } from '../localized-text.ts'

/** Ports every intent node has; an intent may not take their names. */
export const reservedPorts = ['fallback', 'error'] as const
export const intentModes = ['local', 'llm', 'hybrid'] as const
export const MIN_EXAMPLES = 3

/** One confidence threshold for every flow and language (measured in docs/quality.md). */
export const DEFAULT_THRESHOLD = 0.5

const intentSchema = z.object({
  /** The port name, as edges refer to it: `refund`, `order.track`, `退货`. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u, 'letters, digits, _ . - only (it names a port)'),
  /** What the editor and the trace show, per locale. */
  labels: localizedVariantsSchema.default({}),
  /** What the intent covers; the model reads it in `llm` and `hybrid` mode. */
  description: z.string().max(1000).default(''),
  examples: z
    .array(z.string().trim().min(1).max(500))
    .max(5_000)
    .default([])
    .refine((examples) => examples.length >= MIN_EXAMPLES, {
      message: `write at least ${MIN_EXAMPLES} example utterances`,
    }),
})

export const intentConfigSchema = z
  .object({
    intents: z.array(intentSchema).min(1, 'add at least one intent').max(300).meta({ ui: 'table' }),
    mode: z.enum(intentModes).default('local'),
    /** Below this confidence (0–1) the node takes `fallback`. */
    threshold: z.number().min(0).max(1).default(DEFAULT_THRESHOLD),
    /** Resolve short follow-ups ("那退货呢?") with the customer's previous message. */
    useHistory: z.boolean().default(true),
    /** `llm`/`hybrid`: provider name from the workspace settings; the default one when empty. */
    provider: z.string().max(100).optional(),
    model: z.string().max(100).optional(),
    timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
  })
  .superRefine((config, check) => {
    const seen = new Set<string>()
    config.intents.forEach((intent, index) => {
      if ((reservedPorts as readonly string[]).includes(intent.name)) {
        check.addIssue({
          code: 'custom',
          path: ['intents', index, 'name'],
          message: `"${intent.name}" is a reserved port name`,
        })
      }
      if (seen.has(intent.name)) {
        check.addIssue({
          code: 'custom',
          path: ['intents', index, 'name'],
          message: `"${intent.name}" is used by another intent`,
        })
      }
      seen.add(intent.name)
    })
    const total = config.intents.reduce((sum, intent) => sum + intent.examples.length, 0)
    if (total > 30_000) {
      check.addIssue({
        code: 'custom',
        path: ['intents'],
        message: `at most 30000 examples in all (there are ${total})`,
      })
    }
  })

export type IntentConfig = z.output<typeof intentConfigSchema>
export type IntentDefinition = IntentConfig['intents'][number]
