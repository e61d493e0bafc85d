import { z } from 'zod'
import { defineNode, variableSchema } from '../../shared/index.ts'

const assignmentSchema = z.object({
  variable: variableSchema.shape.name.meta({ ui: 'variable' }),
  /** An expression, not a template: `vars.tries + 1`, `"退货"`, `input`. */
  value: z.string().trim().min(1, 'enter a value expression').max(2000).meta({ ui: 'expression' }),
})

const config = z.object({
  assignments: z.array(assignmentSchema).max(50).default([]).meta({ ui: 'table' }),
})

export default defineNode({
  type: 'set-variable',
  version: 1,
  category: 'logic',
  titles: { 'zh-CN': '设置变量', en: 'Set variable' },
  descriptions: {
    'zh-CN': '按顺序计算表达式并写入变量，后面的赋值能读到前面的结果。',
    en: 'Evaluates expressions in order and stores them in variables; later ones see earlier ones.',
  },
  config,
  outputs: () => ['next', 'error'],
  run(ctx, cfg) {
    for (const assignment of cfg.assignments) {
      ctx.setVariable(assignment.variable, ctx.evaluateValue(assignment.value))
    }
    return { port: 'next' }
  },
})
