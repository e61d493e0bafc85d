import { z } from 'zod'
import { nodeCategories } from '../../../shared/index.ts'

/** One entry of GET /api/node-types: what the server knows about an installed node type. */
export const nodeTypeInfoSchema = z.object({
  type: z.string(),
  version: z.number(),
  category: z.string(),
  titles: z.record(z.string(), z.string()),
  descriptions: z.record(z.string(), z.string()).nullable(),
  canWait: z.boolean(),
  configSchema: z.unknown(),
  defaultConfig: z.unknown(),
  defaultPorts: z.array(z.string()).nullable(),
})
export type NodeTypeInfo = z.infer<typeof nodeTypeInfoSchema>

export const nodeTypesResponseSchema = z.object({ nodeTypes: z.array(nodeTypeInfoSchema) })

export type Category = (typeof nodeCategories)[number]

/** A custom node type may name a category this build does not know: it goes under "action". */
export function categoryOf(info: Pick<NodeTypeInfo, 'category'>): Category {
  return nodeCategories.find((c) => c === info.category) ?? 'action'
}

/** The title in the operator's language, else the other one, else the type name. */
export function titleOf(info: Pick<NodeTypeInfo, 'titles' | 'type'>, locale: string): string {
  return info.titles[locale] ?? info.titles['zh-CN'] ?? info.titles.en ?? info.type
}
