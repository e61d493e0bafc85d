import { describe, expect, it } from 'vitest'
import {
  type JsonValue,
  SandboxError,
  type SandboxRequest,
  type SandboxService,
  testContext,
} from '../../shared/index.ts'
import code from './index.ts'

/** Answers with `result` and records what the node asked to run. */
function fakeSandbox(result: JsonValue | Error) {
  const runs: SandboxRequest[] = []
  const sandbox: SandboxService = {
    async run(request) {
      runs.push(request)
      if (result instanceof Error) throw result
      return result
    },
  }
  return { sandbox, runs }
}

describe('code node', () => {
  it('gives the code the variables as input and the configured limits', async () => {
    const { sandbox, runs } = fakeSandbox({})
    const config = code.config.parse({ code: 'return {}', timeoutMs: 200, memoryLimitMb: 16 })

    await code.run(
      testContext({ sandbox, text: '你好', vars: { n: 1 }, user: { name: '张三' } }),
      config,
    )

    expect(runs[0]).toMatchObject({
      code: 'return {}',
      input: { vars: { n: 1 }, user: { name: '张三' }, nodes: {}, input: '你好' },
      timeoutMs: 200,
      memoryLimitBytes: 16 * 1024 * 1024,
    })
  })

  it('writes the returned values into variables and takes next', async () => {
    const { sandbox } = fakeSandbox({ total: 42, level: 'gold' })
    const ctx = testContext({ sandbox })

    const result = await code.run(ctx, code.config.parse({ code: 'return x' }))

    expect(result).toEqual({ port: 'next', output: { total: 42, level: 'gold' } })
    expect(Object.fromEntries(ctx.effects.variables)).toEqual({ total: 42, level: 'gold' })
  })

  it('converts values to the declared variable types', async () => {
    const { sandbox } = fakeSandbox({ count: '7' })
    const ctx = testContext({ sandbox, declaredVariables: { count: 'number' } })

    await code.run(ctx, code.config.parse({}))

    expect(ctx.effects.variables.get('count')).toBe(7)
  })

  it('fails with variable_invalid when a value does not fit the declared type', async () => {
    const { sandbox } = fakeSandbox({ count: 'many' })
    const ctx = testContext({ sandbox, declaredVariables: { count: 'number' } })

    await expect(code.run(ctx, code.config.parse({}))).rejects.toMatchObject({
      code: 'variable_invalid',
    })
  })

  it.each([
    ['an array', [1, 2], 'not an array'],
    ['a number', 5, 'not number'],
    ['a string', 'ok', 'not string'],
  ])('refuses %s as the result', async (_kind, returned, message) => {
    const { sandbox } = fakeSandbox(returned)

    await expect(code.run(testContext({ sandbox }), code.config.parse({}))).rejects.toMatchObject({
      code: 'code_failed',
      message: expect.stringContaining(message),
    })
  })

  it('refuses keys that are not variable names', async () => {
    const { sandbox } = fakeSandbox({ 'bad-name': 1, ok: 2 })

    await expect(code.run(testContext({ sandbox }), code.config.parse({}))).rejects.toMatchObject({
      message: expect.stringContaining('bad-name'),
    })
  })

  it('changes nothing when the code returns null', async () => {
    const { sandbox } = fakeSandbox(null)
    const ctx = testContext({ sandbox })

    const result = await code.run(ctx, code.config.parse({}))

    expect(result).toEqual({ port: 'next', output: {} })
    expect(ctx.effects.variables.size).toBe(0)
  })

  it('passes a sandbox failure on (the engine takes the error port)', async () => {
    const { sandbox } = fakeSandbox(new SandboxError('timeout', 'The code ran longer than 100 ms'))

    await expect(code.run(testContext({ sandbox }), code.config.parse({}))).rejects.toMatchObject({
      code: 'code_failed',
      details: { reason: 'timeout' },
    })
  })

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: 60_000 }, 'timeoutMs'],
    [{ memoryLimitMb: 4096 }, 'memoryLimitMb'],
    [{ code: 'x'.repeat(50_001) }, 'code'],
  ])('refuses the config %j', (input, field) => {
    const parsed = code.config.safeParse(input)

    expect(parsed.error?.issues[0]?.path[0]).toBe(field)
  })

  it('marks the code field for the code editor', () => {
    expect(code.config.shape.code.meta()?.ui).toBe('code')
  })
})
