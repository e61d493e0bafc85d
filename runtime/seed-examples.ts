import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type NodeRegistry, validateFlow } from '../shared/index.ts'
import { publishFlow } from './engine/index.ts'
import type { Logger } from './logger.ts'
import type { FlowStore } from './storage/index.ts'

/**
 * Loads and publishes the example flows into a new database, so a first start has flows to
 * talk to. Runs only while the database has never held a flow: deleted examples stay deleted.
 */
export async function seedExampleFlows(options: {
  flows: FlowStore
  registry: NodeRegistry
  examplesDir: string
  log: Logger
}): Promise<string[]> {
  const { flows, registry, log } = options
  if (await flows.hasEverHeldFlows()) return []
  const seeded: string[] = []
  for (const file of readdirSync(options.examplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(options.examplesDir, file)
    const input: unknown = JSON.parse(readFileSync(path, 'utf8'))
    const result = validateFlow(input, registry)
    if (!result.flow || !result.isValid) {
      const errors = result.problems.filter((p) => p.severity === 'error')
      log.error(`example flow ${file} is invalid and was not loaded`, { problems: errors })
      continue
    }
    await flows.create(result.flow)
    try {
      await publishFlow({
        flows,
        registry,
        flowId: result.flow.id,
        input,
        note: 'Example flow loaded at first start',
      })
    } catch (error) {
      log.error(`example flow ${file} could not be published`, error)
      continue
    }
    seeded.push(result.flow.id)
  }
  return seeded
}
