import { describe, expect, it } from 'vitest'
import { validateFlow } from '../../../shared/index.ts'
import { buildEditorRegistry } from './editor-registry.ts'
import type { NodeTypeInfo } from './node-type-info.ts'

const crmLookup: NodeTypeInfo = {
  type: 'crm-lookup',
  version: 1,
  category: 'integrations',
  titles: { 'zh-CN': '查询客户', en: 'CRM lookup' },
  descriptions: null,
  canWait: false,
  configSchema: { type: 'object', properties: { url: { type: 'string' } } },
  defaultConfig: {},
  defaultPorts: ['found', 'missing', 'error'],
}

describe('buildEditorRegistry', () => {
  it('uses the built-in definitions from nodes/', () => {
    const registry = buildEditorRegistry([])

    expect(registry.get('ask')?.canWait).toBe(true)
  })

  it('adds a generic stand-in for a custom type the server reports, with its default ports', () => {
    const registry = buildEditorRegistry([crmLookup])
    const nodeType = registry.get('crm-lookup')

    expect(nodeType?.outputs({})).toEqual(['found', 'missing', 'error'])
    expect(nodeType?.category).toBe('action')
  })

  it('lets flows with custom nodes validate without unknown_node_type problems', () => {
    const registry = buildEditorRegistry([crmLookup])
    const flow = {
      schemaVersion: 1,
      id: 'f',
      name: 'f',
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { config: {} } },
        { id: 'crm', type: 'crm-lookup', position: { x: 0, y: 0 }, data: { config: { url: 'x' } } },
      ],
      edges: [{ id: 'e', source: 'start', sourceHandle: 'next', target: 'crm' }],
    }

    expect(validateFlow(flow, registry).problems.map((p) => p.code)).toEqual([])
  })
})
