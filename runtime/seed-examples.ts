import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type NodeRegistry, validateFlow } from '../shared/index.ts'
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
    const result = validateFlow(JSON.parse(readFileSync(path, 'utf8')), registry)
    const errors = result.problems.filter((p) => p.severity === 'error')
    if (!result.flow || errors.length > 0) {
      log.error(`example flow ${file} is invalid and was not loaded`, { problems: errors })
      continue
    }
    await flows.create(result.flow)
    await flows.publish(result.flow, 'Example flow loaded at first start')
    seeded.push(result.flow.id)
  }
  return seeded
}
