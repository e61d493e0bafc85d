import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { loadNodeRegistry } from '../runtime/node-registry.ts'
import { fixedClock } from '../shared/index.ts'
import { buildFlow } from './support/flow-builder.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

const examplesDir = fileURLToPath(new URL('../examples/custom-nodes', import.meta.url))

describe('custom node types from examples/custom-nodes', () => {
  let testApp: TestApp | undefined

  afterEach(() => {
    testApp?.close()
    testApp = undefined
  })

  it('registers business-hours next to the built-in node types', async () => {
    const registry = await loadNodeRegistry(examplesDir)

    expect(registry.get('business-hours')?.titles).toEqual({
      'zh-CN': '营业时间',
      en: 'Business hours',
    })
    expect([...registry.keys()]).toEqual(expect.arrayContaining(['start', 'reply', 'ask']))
  })

  it('runs business-hours in a published flow like a built-in node', async () => {
    const registry = await loadNodeRegistry(examplesDir)
    const businessHours = registry.get('business-hours')
    if (!businessHours) throw new Error('business-hours is not registered')
    // 2026-01-01 22:30 in Shanghai: after the default closing time of 21:00.
    const app = createTestApp({
      extraNodeTypes: [businessHours],
      clock: fixedClock('2026-01-01T14:30:00Z', 'Asia/Shanghai'),
    })
    testApp = app
    await app.publish(
      buildFlow(
        'after-hours',
        [
          { id: 'start', type: 'start' },
          { id: 'hours', type: 'business-hours' },
          { id: 'agent', type: 'reply', config: { text: '正在为您转接人工客服。' } },
          {
            id: 'leaveMessage',
            type: 'reply',
            config: { text: '现在是非工作时间，客服将于 {{ nodes.hours.nextOpenLocal }} 上班。' },
          },
        ],
        [
          ['start', 'next', 'hours'],
          ['hours', 'open', 'agent'],
          ['hours', 'closed', 'leaveMessage'],
        ],
      ),
    )

    const response = await app.request('POST', '/api/conversations', { flowId: 'after-hours' })

    const body = (await response.json()) as { messages: { text: string }[] }
    expect(body.messages.map((message) => message.text)).toEqual([
      '现在是非工作时间，客服将于 2026-01-02 09:00 上班。',
    ])
  })
})
