import { Hono } from 'hono'
import { z } from 'zod'
import type { AnyNodeType, NodeRegistry } from '../../../shared/index.ts'
import type { AuthVariables } from '../auth.ts'

/**
 * What the editor needs to draw a node type and build its form: titles, the config as JSON
 * Schema (with the `ui` hints), and the ports of a config with every default.
 */
function describeNodeType(nodeType: AnyNodeType) {
  const defaults = nodeType.config.safeParse({})
  let configSchema: unknown
  try {
    configSchema = z.toJSONSchema(nodeType.config, { io: 'input', unrepresentable: 'any' })
  } catch {
    // A custom schema zod cannot express: the editor falls back to a JSON field.
    configSchema = {}
  }
  return {
    type: nodeType.type,
    version: nodeType.version,
    category: nodeType.category,
    titles: nodeType.titles,
    descriptions: nodeType.descriptions ?? null,
    canWait: nodeType.canWait ?? false,
    configSchema,
    defaultConfig: defaults.success ? defaults.data : null,
    defaultPorts: defaults.success ? nodeType.outputs(defaults.data) : null,
  }
}

export function nodeTypeRoutes(registry: NodeRegistry) {
  const app = new Hono<{ Variables: AuthVariables }>()
  // The registry is fixed for the life of the process: describe it once.
  const body = { nodeTypes: [...registry.values()].map(describeNodeType) }
  app.get('/', (c) => c.json(body))
  return app
}
