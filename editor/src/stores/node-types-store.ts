import { create } from 'zustand'
import type { NodeRegistry } from '../../../shared/index.ts'
import { apiRequest } from '../api-client.ts'
import { buildEditorRegistry } from '../model/editor-registry.ts'
import { type NodeTypeInfo, nodeTypesResponseSchema } from '../model/node-type-info.ts'

interface NodeTypesState {
  infos: ReadonlyMap<string, NodeTypeInfo>
  registry: NodeRegistry
  isLoaded: boolean
  load(): Promise<void>
}

/** The installed node types (GET /api/node-types), fetched once per session. */
export const useNodeTypesStore = create<NodeTypesState>((set, get) => ({
  infos: new Map(),
  registry: buildEditorRegistry([]),
  isLoaded: false,
  async load() {
    if (get().isLoaded) return
    const body = nodeTypesResponseSchema.parse(await apiRequest('GET', '/api/node-types'))
    set({
      infos: new Map(body.nodeTypes.map((info) => [info.type, info])),
      registry: buildEditorRegistry(body.nodeTypes),
      isLoaded: true,
    })
  },
}))
