import { z } from 'zod'
import { flowIdSchema } from './flow-schema.ts'

// A/B experiments between published versions of a flow (DESIGN §9): the settings the API
// validates and the results it answers, shared with the editor's experiment pages.

/**
 * The KPIs an experiment compares (DESIGN §10, computed by runtime/analytics). `proportion`
 * KPIs get a two-proportion test, `mean` KPIs a test of means; `isHigherBetter` says which
 * direction a guardrail watches.
 */
export const experimentKpis = {
  automationResolutionRate: { kind: 'proportion', isHigherBetter: true },
  handoffRate: { kind: 'proportion', isHigherBetter: false },
  abandonmentRate: { kind: 'proportion', isHigherBetter: false },
  csatRate: { kind: 'proportion', isHigherBetter: true },
  conversionRate: { kind: 'proportion', isHigherBetter: true },
  conversionValuePerConversation: { kind: 'mean', isHigherBetter: true },
  turnsPerConversation: { kind: 'mean', isHigherBetter: false },
  firstResponseMs: { kind: 'mean', isHigherBetter: false },
  tokensPerConversation: { kind: 'mean', isHigherBetter: false },
  costPerConversation: { kind: 'mean', isHigherBetter: false },
} as const satisfies Record<string, { kind: 'proportion' | 'mean'; isHigherBetter: boolean }>

export type ExperimentKpi = keyof typeof experimentKpis
// Object.keys widens to string[]; the keys are exactly those of the literal above.
export const experimentKpiNames = Object.keys(experimentKpis) as [ExperimentKpi, ...ExperimentKpi[]]
export const experimentKpiSchema = z.enum(experimentKpiNames)

/** Rates are the ones a primary KPI may be: the sample-size estimate is for a rate. */
export const primaryKpiSchema = z.enum([
  'automationResolutionRate',
  'handoffRate',
  'abandonmentRate',
  'csatRate',
  'conversionRate',
])

export const variantSchema = z.object({
  /** Shown in results and readable by the flow as `sys.variant`. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\w\-\u4e00-\u9fff]+$/, 'letters, digits, _ or - (Chinese allowed)'),
  version: z.number().int().positive(),
  /** Relative traffic share; weights need not add up to 100. */
  weight: z.number().finite().min(0).max(1000),
})
export type Variant = z.infer<typeof variantSchema>

export const guardrailSchema = z.object({
  kpi: experimentKpiSchema,
  /**
   * How much worse than the control trips the guardrail, in the KPI's unit: a fraction for
   * rates (0.05 = 5 points), milliseconds, turns, tokens or currency for means.
   */
  margin: z.number().finite().min(0),
})
export type Guardrail = z.infer<typeof guardrailSchema>

export const experimentStatuses = ['draft', 'running', 'paused', 'stopped'] as const
export type ExperimentStatus = (typeof experimentStatuses)[number]

export const createExperimentBodySchema = z
  .object({
    flowId: flowIdSchema,
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).default(''),
    variants: z.array(variantSchema).min(2).max(10),
    primaryKpi: primaryKpiSchema.default('automationResolutionRate'),
    guardrails: z.array(guardrailSchema).max(10).default([]),
    /** False-positive rate the always-valid test holds at every look. */
    alpha: z.number().min(0.001).max(0.2).default(0.05),
    /** Chance of finding a true `mde`, used for the sample-size estimate. */
    power: z.number().min(0.5).max(0.99).default(0.8),
    mde: z.number().min(0.005).max(0.5).default(0.05),
    /** The primary KPI's expected rate on the control, for the sample-size estimate. */
    baseline: z.number().min(0.01).max(0.99).default(0.7),
    /** No decision and no guardrail stop before every variant has this many conversations. */
    minConversations: z.number().int().min(10).max(1_000_000).default(100),
  })
  .superRefine((body, ctx) => {
    const names = new Set<string>()
    const versions = new Set<number>()
    body.variants.forEach((variant, index) => {
      if (names.has(variant.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'name'],
          message: `Variant name ${variant.name} is used twice`,
        })
      }
      if (versions.has(variant.version)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'version'],
          message: `Version ${variant.version} is already a variant`,
        })
      }
      names.add(variant.name)
      versions.add(variant.version)
    })
    if (body.variants.length >= 2 && body.variants.filter((v) => v.weight > 0).length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: 'At least two variants need a weight above 0',
      })
    }
  })
export type CreateExperimentInput = z.input<typeof createExperimentBodySchema>
export type ExperimentSettings = z.output<typeof createExperimentBodySchema>

export const stopDetailSchema = z.object({
  variant: z.string(),
  kpi: experimentKpiSchema,
  difference: z.number(),
  margin: z.number(),
  pValue: z.number(),
})
export type GuardrailBreach = z.infer<typeof stopDetailSchema>

export interface Experiment extends ExperimentSettings {
  id: string
  status: ExperimentStatus
  /** `flow_deleted`: the flow was deleted, so the experiment may not assign a re-created flow. */
  stopReason: 'manual' | 'guardrail' | 'promoted' | 'flow_deleted' | null
  /** For a guardrail stop: which variant, which KPI, by how much. */
  stopDetail: GuardrailBreach | null
  promotedVariant: string | null
  promotedVersion: number | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
  startedAt: string | null
  endedAt: string | null
}

/** An estimate with a confidence interval. */
export interface Interval {
  estimate: number
  low: number
  high: number
}

/** variant − control on one KPI. */
export interface Comparison {
  /** In the KPI's unit (a fraction for rates). */
  difference: number
  /** Always-valid confidence interval for the difference. */
  low: number
  high: number
  /** Always-valid p-value (mSPRT): safe to read at any time. */
  pValue: number
  /** The fixed-horizon p-value of the same data, for reference only: not safe to peek at. */
  fixedHorizonPValue: number
}

export interface SampleSizeEstimate {
  /** Conversations per variant (the smallest-weight variant and the control) for the mSPRT. */
  perVariant: number
  /** All conversations of the experiment until every variant reaches its share. */
  total: number
  /** What a fixed-horizon two-proportion z-test, looked at once, would need per variant. */
  fixedHorizonPerVariant: number
}

export interface KpiValue extends Interval {
  /** The denominator: closed conversations, CSAT answers, conversations… */
  sampleSize: number
}

export interface KpiComparison extends Comparison {
  kpi: ExperimentKpi
  variant: string
  isSignificant: boolean
  /** `better`/`worse` only when significant, in the KPI's good direction. */
  verdict: 'better' | 'worse' | 'no_difference'
}

export interface VariantResult {
  name: string
  version: number
  weight: number
  conversations: number
  isControl: boolean
  kpis: Record<ExperimentKpi, KpiValue>
  firstResponseP50Ms: number | null
  firstResponseP95Ms: number | null
}

export type DecisionStatus = 'collecting' | 'winner' | 'no_difference'

export interface ExperimentResults {
  experiment: Experiment
  /** Estimated up front from the settings (baseline, mde, alpha, power, weights). */
  plannedSampleSize: SampleSizeEstimate
  /** The same estimate with the control's observed rate, once it has data. */
  observedSampleSize: SampleSizeEstimate | null
  variants: VariantResult[]
  comparisons: KpiComparison[]
  decision: {
    status: DecisionStatus
    winner: string | null
    /** Per-comparison alpha on the primary KPI (Bonferroni over the non-control variants). */
    alpha: number
  }
  guardrailBreaches: GuardrailBreach[]
  currency: string
}
