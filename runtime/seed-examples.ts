import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type NodeRegistry, validateFlow } from '../shared/index.ts'
import { publishFlow } from './engine/index.ts'
import { type Knowledge, uploadDocument } from './knowledge/index.ts'
import type { Logger } from './logger.ts'
import type { Database, FlowStore } from './storage/index.ts'
import { knowledgeBases } from './storage/schema-knowledge.ts'

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

/** Optional `{ "name", "description" }` of an example knowledge base, beside its documents. */
const aboutFileName = 'knowledge-base.json'

function readAbout(path: string): { name?: string; description?: string } {
  try {
    const about: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof about !== 'object' || about === null) return {}
    return {
      ...('name' in about && typeof about.name === 'string' ? { name: about.name } : {}),
      ...('description' in about && typeof about.description === 'string'
        ? { description: about.description }
        : {}),
    }
  } catch {
    return {}
  }
}

/**
 * Creates the example knowledge bases (one per folder of examples/knowledge, its name the id the
 * example flows' retrieve nodes use) and queues their documents for ingestion. Call it only at
 * first start, with the example flows; a knowledge base that exists is left alone.
 */
export async function seedExampleKnowledge(options: {
  database: Database
  knowledge: Knowledge
  examplesDir: string
  log: Logger
}): Promise<string[]> {
  const { database, knowledge, log } = options
  const seeded: string[] = []
  const folders = readdirSync(options.examplesDir)
    .filter((entry) => statSync(join(options.examplesDir, entry)).isDirectory())
    .sort()
  for (const knowledgeBaseId of folders) {
    const existing = await knowledge.store.listBases()
    if (existing.some((base) => base.id === knowledgeBaseId)) continue
    const folder = join(options.examplesDir, knowledgeBaseId)
    const about = readAbout(join(folder, aboutFileName))
    const at = new Date().toISOString()
    // The store names new bases at random; the example flows need the folder's name as id.
    database.db
      .insert(knowledgeBases)
      .values({
        id: knowledgeBaseId,
        name: about.name ?? knowledgeBaseId,
        description: about.description ?? '',
        chunkSize: 500,
        chunkOverlap: 50,
        createdAt: at,
        updatedAt: at,
      })
      .run()
    for (const fileName of readdirSync(folder).sort()) {
      if (fileName === aboutFileName) continue
      try {
        await uploadDocument(knowledge, {
          knowledgeBaseId,
          fileName,
          bytes: readFileSync(join(folder, fileName)),
        })
      } catch (error) {
        log.error(`example document ${knowledgeBaseId}/${fileName} was not loaded`, error)
      }
    }
    seeded.push(knowledgeBaseId)
  }
  return seeded
}
