import { z } from 'zod'
import { defineNode } from '../../shared/index.ts'

/** Ports every condition node has; a branch may not take their names. */
const reservedPorts = ['else', 'error']

const branchSchema = z.object({
  name: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_\-\u4e00-\u9fa5]+$/, 'use letters, digits, Chinese, "_" and "-"'),
  condition: z.string().trim().min(1, 'enter a condition').max(2000).meta({ ui: 'expression' }),
})

const config = z
  .object({
    branches: z.array(branchSchema).max(50).default([]).meta({ ui: 'table' }),
  })
  .superRefine((cfg, check) => {
    const seen = new Set<string>()
    cfg.branches.forEach((branch, index) => {
      const path = ['branches', index, 'name']
      if (reservedPorts.includes(branch.name)) {
        check.addIssue({ code: 'custom', path, message: `"${branch.name}" is a reserved port` })
      } else if (seen.has(branch.name)) {
        check.addIssue({ code: 'custom', path, message: `branch "${branch.name}" appears twice` })
      }
      seen.add(branch.name)
    })
  })

export default defineNode({
  type: 'condition',
  version: 1,
  category: 'logic',
  titles: { 'zh-CN': '条件分支', en: 'Condition' },
  descriptions: {
    'zh-CN': '按顺序判断条件，走第一个成立的分支，都不成立走 else。',
    en: 'Checks the branches in order and takes the first whose condition holds, else `else`.',
  },
  config,
  outputs: (cfg) => [...cfg.branches.map((branch) => branch.name), 'else', 'error'],
  run(ctx, cfg) {
    const taken = cfg.branches.find((branch) => ctx.evaluate(branch.condition))
    const branch = taken?.name ?? 'else'
    return { port: branch, output: { branch } }
  },
})
