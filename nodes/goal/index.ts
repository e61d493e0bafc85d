import { z } from 'zod'
import { defineNode, type JsonValue, type NodeResult } from '../../shared/index.ts'

const config = z.object({
  /** The conversion's name, e.g. `order_paid` or `预约成功`; conversion rate is counted by it. */
  name: z.string().trim().min(1, 'enter a goal name').max(100),
  /** Optional amount, e.g. `{{ vars.orderTotal }}`; must render to a number or to nothing. */
  value: z.string().max(500).default('').meta({ ui: 'template' }),
  /** Count the goal once per conversation, even if the flow passes the node again. */
  isOncePerConversation: z.boolean().default(true),
})

export class GoalValueError extends Error {
  override name = 'GoalValueError'
}

function parseValue(rendered: string): number | null {
  const text = rendered.trim().replace(/,/g, '')
  if (text === '') return null
  const value = Number(text)
  if (!Number.isFinite(value)) {
    throw new GoalValueError(`The goal value must be a number, not "${rendered.slice(0, 50)}"`)
  }
  return value
}

function wasReached(output: JsonValue | undefined): boolean {
  return (
    typeof output === 'object' &&
    output !== null &&
    !Array.isArray(output) &&
    output.isRecorded === true
  )
}

export default defineNode({
  type: 'goal',
  version: 1,
  category: 'action',
  titles: { 'zh-CN': '转化目标', en: 'Goal' },
  descriptions: {
    'zh-CN': '记录一次转化（名称和可选金额），用于计算转化率。',
    en: 'Records a conversion (a name and an optional value) for the conversion rate.',
  },
  config,
  outputs: () => ['next', 'error'],
  run(ctx, cfg): NodeResult {
    const value = parseValue(ctx.render(cfg.value))
    // This node's earlier output says whether the conversation reached the goal before.
    if (cfg.isOncePerConversation && wasReached(ctx.scope.nodes[ctx.node.id])) {
      return { port: 'next', output: { name: cfg.name, value, isRecorded: true, isRepeat: true } }
    }
    ctx.events.record({ type: 'conversion', name: cfg.name, value })
    return { port: 'next', output: { name: cfg.name, value, isRecorded: true } }
  },
})
