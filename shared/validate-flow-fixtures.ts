import { z } from 'zod'
import type { FlowInput } from './flow-schema.ts'
import { type AnyNodeType, defineNode, type NodeRegistry } from './node-api.ts'

// Small node types and flow builders for the validator's own tests (validate-flow*.test.ts):
// just enough config to produce every kind of problem, independent of the real nodes/.

const titles = (en: string) => ({ 'zh-CN': en, en })

export const startNode = defineNode({
  type: 'start',
  version: 1,
  category: 'basic',
  titles: titles('Start'),
  config: z.object({}),
  outputs: () => ['next'],
  run: () => ({ port: 'next' }),
})

export const replyNode = defineNode({
  type: 'reply',
  version: 1,
  category: 'basic',
  titles: titles('Reply'),
  config: z.object({
    text: z.string().meta({ ui: 'template' }).default('您好'),
    delayMs: z.number().int().min(0).default(0),
    tone: z.enum(['warm', 'plain']).default('warm'),
  }),
  outputs: () => ['next'],
  run: () => ({ port: 'next' }),
})

export const askNode = defineNode({
  type: 'ask',
  version: 1,
  category: 'basic',
  titles: titles('Ask'),
  canWait: true,
  config: z.object({
    question: z.string().meta({ ui: 'template' }).default('请问有什么可以帮您？'),
    choices: z.array(z.object({ name: z.string().min(1) })).default([]),
    retries: z.number().int().min(0).max(5).default(2),
  }),
  outputs: () => ['answer', 'invalid'],
  run: () => ({ wait: {} }),
})

export const conditionNode = defineNode({
  type: 'condition',
  version: 1,
  category: 'logic',
  titles: titles('Condition'),
  config: z.object({
    branches: z
      .array(z.object({ name: z.string().min(1), when: z.string().meta({ ui: 'expression' }) }))
      .default([]),
    guard: z.string().meta({ ui: 'expression' }).nullable().optional(),
  }),
  outputs: (config) => [...config.branches.map((branch) => branch.name), 'else'],
  run: () => ({ port: 'else' }),
})

export const httpNode = defineNode({
  type: 'http',
  version: 1,
  category: 'action',
  titles: titles('HTTP request'),
  config: z.object({ url: z.string().default('https://example.com') }),
  outputs: () => ['success', 'error'],
  run: () => ({ port: 'success' }),
})

export function registryOf(nodeTypes: readonly AnyNodeType[]): NodeRegistry {
  return new Map(nodeTypes.map((nodeType) => [nodeType.type, nodeType]))
}

export type NodeInput = FlowInput['nodes'][number]
export type EdgeInput = FlowInput['edges'][number]

export function node(id: string, type: string, config: Record<string, unknown> = {}): NodeInput {
  return { id, type, position: { x: 0, y: 0 }, data: { config } }
}

export function edge(id: string, source: string, sourceHandle: string, target: string): EdgeInput {
  return { id, source, sourceHandle, target }
}
