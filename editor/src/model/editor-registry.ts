import { z } from 'zod'
import { builtinNodeTypes } from '../../../nodes/index.ts'
import { type AnyNodeType, defineNode, type NodeRegistry } from '../../../shared/index.ts'
import { categoryOf, type NodeTypeInfo } from './node-type-info.ts'

/**
 * The node types the editor validates with: the built-in definitions from nodes/ (so ports
 * follow a config as it is edited) plus, for each custom type the server reports, a generic
 * stand-in that accepts any config and has the type's default ports. The server still checks
 * custom configs with their real schema on save and publish.
 */
export function buildEditorRegistry(serverTypes: readonly NodeTypeInfo[]): NodeRegistry {
  const registry = new Map<string, AnyNodeType>(builtinNodeTypes.map((t) => [t.type, t]))
  for (const info of serverTypes) {
    if (!registry.has(info.type)) registry.set(info.type, genericNodeType(info))
  }
  return registry
}

function genericNodeType(info: NodeTypeInfo): AnyNodeType {
  const ports = info.defaultPorts ?? []
  return defineNode({
    type: info.type,
    version: info.version,
    category: categoryOf(info),
    titles: {
      ...info.titles,
      'zh-CN': info.titles['zh-CN'] ?? info.type,
      en: info.titles.en ?? info.type,
    },
    config: z.record(z.string(), z.unknown()),
    outputs: () => ports,
    canWait: info.canWait,
    run() {
      throw new Error(`Node type "${info.type}" runs on the server only`)
    },
  })
}
