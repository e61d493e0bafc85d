import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { z } from 'zod'
import { projectRoot } from '../test/support/server-process.ts'

const engineResultSchema = z.object({
  count: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  turnsPerSecond: z.number(),
  errors: z.number(),
  errorSamples: z.array(z.string()),
})
export type EngineFigures = z.infer<typeof engineResultSchema>

/**
 * Runs bench/engine-turns.ts in a fresh process, so that the HTTP phase's heap and JIT state do
 * not weigh on it, and reads the JSON line it prints.
 */
export async function measureEngineInChild(timeoutMs = 180_000): Promise<EngineFigures> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'bench', 'engine-turns.ts'), '--json'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearTimeout(timer)
  const line = output.trim().split('\n').at(-1) ?? ''
  try {
    return engineResultSchema.parse(JSON.parse(line))
  } catch {
    throw new Error(`bench/engine-turns.ts exited with ${code} and printed: ${output}`)
  }
}
