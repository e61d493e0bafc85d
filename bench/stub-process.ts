import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { z } from 'zod'
import { projectRoot } from '../test/support/server-process.ts'

export interface StubProcess {
  baseUrl: string
  child: ChildProcess
  stop(): Promise<void>
}

const readyLineSchema = z.object({ baseUrl: z.url() })

/**
 * Runs the OpenAI-protocol stub (test/stubs/openai-stub.ts) as its own process, as the server
 * would meet a real provider, and waits for the `{"baseUrl": ...}` line it prints when ready.
 */
export async function startStubProcess(timeoutMs = 20_000): Promise<StubProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'test', 'stubs', 'openai-stub.ts'), '--port', '0'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
  }
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the OpenAI stub did not start in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      )
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const baseUrl = readyBaseUrl(output)
        if (baseUrl) {
          clearTimeout(timer)
          resolve(baseUrl)
        }
      })
      exited.then(() => {
        clearTimeout(timer)
        reject(new Error(`the OpenAI stub exited with ${child.exitCode}:\n${output}`))
      })
    })
    return { baseUrl, child, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The baseUrl from the first complete JSON line, if one has arrived. */
function readyBaseUrl(output: string): string | undefined {
  const completeLines = output.split('\n').slice(0, -1)
  for (const line of completeLines) {
    if (!line.startsWith('{')) continue
    try {
      return readyLineSchema.parse(JSON.parse(line)).baseUrl
    } catch {}
  }
  return undefined
}
