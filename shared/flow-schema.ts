import { z } from 'zod'
import { jsonValueSchema } from './json.ts'

/** The only flow document version this build reads and writes. */
export const FLOW_SCHEMA_VERSION = 1

/** Flow ids appear in URLs: keep them URL-safe without escaping. */
export const flowIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "_", "." and "-"')

/** Node ids appear in template paths (`nodes.askOrder.value` or `nodes["ask-1"].value`). */
export const nodeIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "_" and "-"')

export const localeSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag')

export const variableTypeSchema = z.enum(['string', 'number', 'boolean', 'json'])
export const variableSchema = z.object({
  name: z.string().regex(/^[A-Za-z_]\w*$/, 'a name like orderId'),
  type: variableTypeSchema,
  default: jsonValueSchema.optional(),
  description: z.string().max(500).optional(),
  /** Sensitive values are masked in traces and exports. */
  isSensitive: z.boolean().optional(),
})
export type Variable = z.infer<typeof variableSchema>
export type VariableType = z.infer<typeof variableTypeSchema>

export const DEFAULT_FALLBACK_REPLY = '抱歉，我暂时无法处理您的问题，请稍后再试。'

/**
 * A global interrupt (DESIGN §8): checked before every customer turn, from anywhere in the flow,
 * it jumps to `target` (usually a handoff node) instead of resuming the waiting node.
 * - `phrases`: the message contains one of `phrases` (case, spaces and punctuation ignored)
 * - `sentiment`: the message's sentiment score (`sys.sentiment`, -1…1) is below `threshold`
 * - `fallbacks`: `count` turns in a row took a `fallback` port (nothing was understood)
 * - `compliance`: a compliance rule with action `handoff` blocked a bot message
 */
export const interruptKinds = ['phrases', 'sentiment', 'fallbacks', 'compliance'] as const
export const interruptSchema = z.object({
  kind: z.enum(interruptKinds),
  phrases: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
  threshold: z.number().min(-1).max(1).default(-0.6),
  count: z.number().int().min(1).max(20).default(2),
  target: nodeIdSchema,
})
export type Interrupt = z.infer<typeof interruptSchema>

export const flowSettingsSchema = z.object({
  /** Sent when a node fails without an `error` edge, or a turn runs out of steps. */
  fallbackReply: z.string().min(1).max(2000).default(DEFAULT_FALLBACK_REPLY),
  maxStepsPerTurn: z.number().int().min(1).max(1000).default(50),
  compliancePolicy: z.string().max(100).optional(),
  /** Customer silent this long mid-flow counts as abandonment (KPIs). */
  idleTimeoutMinutes: z.number().int().min(1).max(10_080).default(30),
  /** Global interrupts, checked in order before every customer turn; the first match wins. */
  interrupts: z.array(interruptSchema).max(50).optional(),
})
export type FlowSettings = z.infer<typeof flowSettingsSchema>

export const positionSchema = z.object({ x: z.number(), y: z.number() })

export const flowNodeSchema = z.object({
  id: nodeIdSchema,
  type: z.string().min(1).max(100),
  position: positionSchema,
  data: z.object({
    label: z.string().max(200).optional(),
    /** Validated by the node type's own schema (validateFlow), not here. */
    config: z.record(z.string(), z.unknown()).default({}),
  }),
  width: z.number().optional(),
  height: z.number().optional(),
})
export type FlowNode = z.infer<typeof flowNodeSchema>

export const flowEdgeSchema = z.object({
  id: z.string().min(1).max(128),
  source: nodeIdSchema,
  /** The source node's output port (React Flow's name for it). */
  sourceHandle: z.string().min(1).max(100),
  target: nodeIdSchema,
  targetHandle: z.string().max(100).nullable().optional(),
  label: z.string().max(200).optional(),
})
export type FlowEdge = z.infer<typeof flowEdgeSchema>

export const flowSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  id: flowIdSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  locale: localeSchema.default('zh-CN'),
  variables: z.array(variableSchema).default([]),
  settings: flowSettingsSchema.default(flowSettingsSchema.parse({})),
  nodes: z.array(flowNodeSchema).max(5000),
  edges: z.array(flowEdgeSchema).max(20_000),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
})
/** A flow document after parsing: every default filled in. */
export type Flow = z.infer<typeof flowSchema>
/** A flow document as written by hand or sent by a client: defaults may be missing. */
export type FlowInput = z.input<typeof flowSchema>
