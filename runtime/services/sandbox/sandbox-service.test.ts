import { describe, expect, it } from 'vitest'
import { SandboxError } from '../../../shared/index.ts'
import { createSandboxService } from './sandbox-service.ts'

const sandbox = createSandboxService()

async function failure(promise: Promise<unknown>): Promise<SandboxError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SandboxError) return error
    throw error
  }
  throw new Error('expected the code to fail')
}

describe('sandbox service', () => {
  it('runs code on the input and returns its JSON result', async () => {
    const result = await sandbox.run({
      code: 'return { total: input.items.reduce((sum, i) => sum + i.price, 0), 名字: input.name }',
      input: { items: [{ price: 3 }, { price: 4.5 }], name: '张三' },
    })

    expect(result).toEqual({ total: 7.5, 名字: '张三' })
  })

  it('interrupts an endless loop at the time limit', async () => {
    const startedAt = Date.now()

    const error = await failure(sandbox.run({ code: 'while (true) {}', input: {}, timeoutMs: 50 }))

    expect(error.reason).toBe('timeout')
    expect(error.message).toContain('50 ms')
    expect(Date.now() - startedAt).toBeLessThan(2000)
  })

  it('stops endless allocation at the memory limit', async () => {
    const error = await failure(
      sandbox.run({
        code: 'const a = []; while (true) a.push({ n: a.length, text: "x".repeat(100) + a.length })',
        input: {},
        timeoutMs: 5000,
        memoryLimitBytes: 8 * 1024 * 1024,
      }),
    )

    expect(error.reason).toBe('memory')
  })

  it('stops a huge string at the memory limit', async () => {
    const error = await failure(
      sandbox.run({
        code: 'let s = "x"; for (;;) s = s + s',
        input: {},
        timeoutMs: 5000,
        memoryLimitBytes: 8 * 1024 * 1024,
      }),
    )

    expect(['memory', 'exception']).toContain(error.reason)
  })

  it('still runs code after a run hit its limits', async () => {
    await failure(sandbox.run({ code: 'for (;;) {}', input: {}, timeoutMs: 20 }))

    expect(await sandbox.run({ code: 'return 1 + 1', input: {} })).toBe(2)
  })

  it.each([
    ['require', 'return typeof require'],
    ['process', 'return typeof process'],
    ['fetch', 'return typeof globalThis.fetch'],
    ['XMLHttpRequest', 'return typeof XMLHttpRequest'],
    ['setTimeout', 'return typeof setTimeout'],
    ['std (quickjs-libc)', 'return typeof std'],
    ['os (quickjs-libc)', 'return typeof os'],
  ])('has no %s', async (_name, code) => {
    expect(await sandbox.run({ code, input: {} })).toBe('undefined')
  })

  it('reports a call to require as the code throwing', async () => {
    const error = await failure(sandbox.run({ code: 'require("fs")', input: {} }))

    expect(error.reason).toBe('exception')
    expect(error.message).toContain('require')
  })

  it('reports an exception with its message', async () => {
    const error = await failure(sandbox.run({ code: 'throw new Error("订单不存在")', input: {} }))

    expect(error.reason).toBe('exception')
    expect(error.message).toContain('订单不存在')
  })

  it('reports a syntax error', async () => {
    const error = await failure(sandbox.run({ code: 'return {', input: {} }))

    expect(error.reason).toBe('exception')
    expect(error.message).toContain('SyntaxError')
  })

  it('turns deep recursion into an error, not a crash', async () => {
    const error = await failure(
      sandbox.run({
        code: 'const f = (n) => f(n + 1) + 1; return f(0)',
        input: {},
        timeoutMs: 2000,
      }),
    )

    expect(error.reason).toBe('exception')
    expect(error.message).toContain('stack overflow')
  })

  it('allows ordinary recursion a few hundred calls deep', async () => {
    const result = await sandbox.run({
      code: 'const sum = (n) => (n === 0 ? 0 : n + sum(n - 1)); return sum(500)',
      input: {},
    })

    expect(result).toBe(125250)
  })

  it.each([
    ['a function', 'return { f: () => 1 }', 'result.f is a function'],
    ['a promise', 'return Promise.resolve(1)', 'Promise'],
    ['NaN', 'return { n: 0 / 0 }', 'result.n is NaN'],
    ['undefined inside', 'return { list: [1, undefined] }', 'result.list[1] is a undefined'],
    ['a Date', 'return { when: new Date(0) }', 'Date'],
  ])('refuses a result holding %s', async (_kind, code, message) => {
    const error = await failure(sandbox.run({ code, input: {} }))

    expect(error.reason).toBe('result_invalid')
    expect(error.message).toContain(message)
  })

  it('cannot change the input the host holds', async () => {
    const input = { vars: { n: 1 } }

    await sandbox.run({ code: 'input.vars.n = 99; return null', input })

    expect(input.vars.n).toBe(1)
  })

  it('gives every run a fresh global scope', async () => {
    await sandbox.run({ code: 'globalThis.leak = 42; return null', input: {} })

    expect(await sandbox.run({ code: 'return typeof leak', input: {} })).toBe('undefined')
  })
})
