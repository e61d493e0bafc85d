import { z } from 'zod'
import { defineNode, type JsonObject, SandboxError, variableSchema } from '../../shared/index.ts'

const variableName = variableSchema.shape.name

const config = z.object({
  /** A function body: reads `input` ({ vars, user, nodes, input, sys }) and returns new values. */
  code: z
    .string()
    .max(50_000)
    .default('// input.vars, input.user, input.nodes, input.input, input.sys\nreturn {}')
    .meta({ ui: 'code' }),
  timeoutMs: z.number().int().min(10).max(5000).default(100),
  memoryLimitMb: z.number().int().min(1).max(256).default(32),
})

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export default defineNode({
  type: 'code',
  version: 1,
  category: 'logic',
  titles: { 'zh-CN': '代码', en: 'Code' },
  descriptions: {
    'zh-CN': '在沙箱里运行 JavaScript（限时、限内存、不能联网或读文件），返回的对象写入变量。',
    en: 'Runs JavaScript in a sandbox (time and memory limits, no network or files); the object it returns sets variables.',
  },
  config,
  outputs: () => ['next', 'error'],
  async run(ctx, cfg) {
    const { scope } = ctx
    const result = await ctx.sandbox.run({
      code: cfg.code,
      input: {
        vars: scope.vars,
        user: scope.user,
        nodes: scope.nodes,
        input: scope.input,
        sys: scope.sys,
      },
      timeoutMs: cfg.timeoutMs,
      memoryLimitBytes: cfg.memoryLimitMb * 1024 * 1024,
    })
    // `return` with nothing (or null) changes no variable.
    if (result === null) return { port: 'next', output: {} }
    if (!isPlainObject(result)) {
      throw new SandboxError(
        'result_invalid',
        `The code must return an object of variable values, not ${Array.isArray(result) ? 'an array' : typeof result}`,
      )
    }
    const badNames = Object.keys(result).filter((name) => !variableName.safeParse(name).success)
    if (badNames.length > 0) {
      throw new SandboxError(
        'result_invalid',
        `Not valid variable names: ${badNames.slice(0, 5).join(', ')}`,
      )
    }
    // Declared variables keep their type: setVariable converts or throws variable_invalid.
    for (const [name, value] of Object.entries(result)) ctx.setVariable(name, value)
    return { port: 'next', output: result }
  },
})
