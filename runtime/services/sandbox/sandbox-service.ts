import type { QuickJSWASMModule } from 'quickjs-emscripten'
import {
  type JsonValue,
  SandboxError,
  type SandboxRequest,
  type SandboxService,
} from '../../../shared/index.ts'

export const sandboxDefaults = {
  timeoutMs: 100,
  memoryLimitBytes: 32 * 1024 * 1024,
  /**
   * Deep recursion fails as a QuickJS stack overflow (about 700 calls deep) long before the
   * host's own stack runs out: with 512 KB, V8's stack overflowed first, mid-WebAssembly, and
   * left QuickJS in a state that aborts the module.
   */
  maxStackSizeBytes: 128 * 1024,
  /** A result larger than this as JSON is refused. */
  maxResultBytes: 1024 * 1024,
} as const

// Runs inside QuickJS. The user's code is a function body; its return value must be plain JSON:
// a function, a Promise, a Date, NaN or undefined inside the result fails with the path to it,
// instead of silently vanishing as JSON.stringify would make it.
const prelude = `
"use strict";
globalThis.input = JSON.parse(globalThis.__inputJson);
delete globalThis.__inputJson;
globalThis.__toJson = function (value) {
  const check = (v, path) => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new TypeError(path + ' is ' + v + ', not a JSON number');
      return;
    }
    if (Array.isArray(v)) { v.forEach((item, i) => check(item, path + '[' + i + ']')); return; }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const key of Object.keys(v)) check(v[key], path + '.' + key);
      return;
    }
    const kind = typeof v === 'object' ? Object.prototype.toString.call(v).slice(8, -1) : typeof v;
    throw new TypeError(path + ' is a ' + kind + ', not JSON');
  };
  check(value, 'result');
  return JSON.stringify(value);
};
`

/**
 * Runs user JavaScript in QuickJS compiled to WebAssembly: a separate heap with a memory limit,
 * an interrupt after the time limit, and no host functions at all (no require, process, fetch,
 * timers or files); only `input` goes in and only JSON comes out. The WebAssembly module is
 * created once (it is slow to load); every run gets a fresh runtime and context, disposed after.
 */
export function createSandboxService(): SandboxService {
  let modulePromise: Promise<QuickJSWASMModule> | undefined
  const loadModule = () => {
    // Loaded on the first code node run, not at start: most flows never run code.
    modulePromise ??= import('quickjs-emscripten').then((quickJs) => quickJs.newQuickJSWASMModule())
    return modulePromise
  }
  return {
    async run(request) {
      const quickJs = await loadModule()
      // QuickJS aborts the whole WebAssembly module when freeing a runtime that an exception
      // left objects in (seen after a stack overflow): the next run then loads a fresh module
      // rather than reusing one in an unknown state.
      const discardModule = () => {
        modulePromise = undefined
      }
      try {
        return runInQuickJs(quickJs, request, discardModule)
      } catch (error) {
        if (error instanceof SandboxError) throw error
        discardModule()
        throw new SandboxError('exception', `The sandbox failed: ${describe(error)}`)
      }
    },
  }
}

function runInQuickJs(
  quickJs: QuickJSWASMModule,
  request: SandboxRequest,
  discardModule: () => void,
): JsonValue {
  const timeoutMs = request.timeoutMs ?? sandboxDefaults.timeoutMs
  const memoryLimitBytes = request.memoryLimitBytes ?? sandboxDefaults.memoryLimitBytes
  let isInterrupted = false
  let overLimit: () => boolean = () => false
  const runtime = quickJs.newRuntime({
    memoryLimitBytes,
    maxStackSizeBytes: sandboxDefaults.maxStackSizeBytes,
    interruptHandler: () => {
      isInterrupted = overLimit()
      return isInterrupted
    },
  })
  try {
    const vm = runtime.newContext()
    try {
      const inputJson = vm.newString(JSON.stringify(request.input))
      vm.setProp(vm.global, '__inputJson', inputJson)
      inputJson.dispose()
      const source = `${prelude}\n__toJson((function (input) {\n${request.code}\n})(globalThis.input))`
      overLimit = timeLimit(timeoutMs)
      const result = vm.evalCode(source, 'code.js')
      if (result.error) {
        const thrown = vm.dump(result.error)
        result.error.dispose()
        throw toSandboxError(thrown, { isInterrupted, timeoutMs, memoryLimitBytes })
      }
      const text = vm.dump(result.value)
      result.value.dispose()
      return parseResult(text)
    } finally {
      vm.dispose()
    }
  } finally {
    try {
      runtime.dispose()
    } catch {
      discardModule()
    }
  }
}

/**
 * The code's time limit counts CPU time, so that a busy machine (other requests, other
 * processes) does not fail code that would fit; wall time is capped too, at ten times the limit
 * and at least a second, so the server never hangs on one node.
 */
function timeLimit(timeoutMs: number): () => boolean {
  const startedCpu = process.cpuUsage()
  const wallDeadline = Date.now() + Math.max(timeoutMs * 10, 1000)
  return () => {
    const used = process.cpuUsage(startedCpu)
    return (used.user + used.system) / 1000 > timeoutMs || Date.now() > wallDeadline
  }
}

function parseResult(text: unknown): JsonValue {
  // `return` without a value: the code only had side effects on nothing; that is an empty result.
  if (text === undefined) return null
  if (typeof text !== 'string') {
    throw new SandboxError('result_invalid', 'The code returned something that is not JSON')
  }
  if (text.length > sandboxDefaults.maxResultBytes) {
    throw new SandboxError(
      'result_invalid',
      `The result is larger than ${sandboxDefaults.maxResultBytes} bytes as JSON`,
    )
  }
  return JSON.parse(text) as JsonValue
}

function toSandboxError(
  thrown: unknown,
  limits: { isInterrupted: boolean; timeoutMs: number; memoryLimitBytes: number },
): SandboxError {
  const message = describe(thrown)
  if (limits.isInterrupted || /interrupted/i.test(message)) {
    return new SandboxError('timeout', `The code ran longer than ${limits.timeoutMs} ms`)
  }
  if (/out of memory/i.test(message)) {
    return new SandboxError(
      'memory',
      `The code used more than ${Math.round(limits.memoryLimitBytes / 1024 / 1024)} MB of memory`,
    )
  }
  if (/not JSON|not a JSON/.test(message)) return new SandboxError('result_invalid', message)
  return new SandboxError('exception', `The code threw: ${message}`)
}

function describe(thrown: unknown): string {
  if (thrown && typeof thrown === 'object') {
    const name = 'name' in thrown && typeof thrown.name === 'string' ? thrown.name : 'Error'
    const message = 'message' in thrown && typeof thrown.message === 'string' ? thrown.message : ''
    return message ? `${name}: ${message}`.slice(0, 500) : name
  }
  return String(thrown).slice(0, 500)
}
