import { describe, expect, it } from 'vitest'
import type { FlowNode } from '../../../shared/index.ts'
import { buildEditorRegistry } from './editor-registry.ts'
import { nodePorts } from './node-ports.ts'

const registry = buildEditorRegistry([])

function node(type: string, config: Record<string, unknown>): FlowNode {
  return { id: 'n1', type, position: { x: 0, y: 0 }, data: { config } }
}

describe('nodePorts', () => {
  it("takes a node's ports from its type's outputs(config)", () => {
    const ports = nodePorts(
      node('condition', { branches: [{ name: 'vip', condition: 'user.vip' }] }),
      registry,
      [],
    )

    expect(ports).toEqual(['vip', 'else', 'error'])
  })

  it('keeps the ports of a config that is briefly invalid while being edited', () => {
    const ports = nodePorts(
      node('condition', { branches: [{ name: 'vip', condition: '' }] }),
      registry,
      [],
    )

    expect(ports).toEqual(['vip', 'else', 'error'])
  })

  it('falls back to the default ports when the config cannot be read at all', () => {
    expect(nodePorts(node('condition', { branches: 'oops' }), registry, [])).toEqual([
      'else',
      'error',
    ])
  })

  it('gives a node of an uninstalled type the ports its edges use, so they stay drawn', () => {
    const ports = nodePorts(node('crm-lookup', {}), registry, [
      { id: 'e1', source: 'n1', sourceHandle: 'found', target: 'x' },
      { id: 'e2', source: 'other', sourceHandle: 'next', target: 'x' },
    ])

    expect(ports).toEqual(['found'])
  })
})
