import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../runtime/logger.ts'
import { seedExampleFlows, seedExampleKnowledge } from '../../runtime/seed-examples.ts'
import type { JsonValue } from '../../shared/index.ts'
import { projectRoot } from '../support/server-process.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

// The shipped e-commerce after-sales example, end to end over HTTP with no model configured:
// the example knowledge base is seeded as at first start, the offline provider answers.

const knowledgeDir = join(projectRoot, 'examples', 'knowledge')
const log = createLogger({ isSilent: true })

interface Reply {
  status: string
  messages: { text: string; nodeId?: string; meta?: Record<string, JsonValue> }[]
}

let t: TestApp

async function seedKnowledge(app: TestApp): Promise<string[]> {
  const seeded = await seedExampleKnowledge({
    database: app.database,
    knowledge: app.knowledge,
    examplesDir: knowledgeDir,
    log,
  })
  await app.knowledge.ingestion.idle()
  return seeded
}

async function start(): Promise<{ id: string; reply: Reply }> {
  const response = await t.request('POST', '/api/conversations', { flowId: 'ecommerce-aftersales' })
  expect(response.status).toBe(201)
  const body = (await response.json()) as Reply & { conversationId: string }
  return { id: body.conversationId, reply: body }
}

async function say(conversationId: string, text: string): Promise<Reply> {
  const response = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
    text,
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Reply
}

beforeEach(async () => {
  t = createTestApp()
  await seedKnowledge(t)
  const flow: unknown = JSON.parse(
    readFileSync(join(projectRoot, 'examples', 'flows', 'ecommerce-aftersales.json'), 'utf8'),
  )
  await t.publish(flow as Parameters<TestApp['publish']>[0])
})
afterEach(() => t.close())

describe('ecommerce-aftersales example with the offline provider', () => {
  it('greets with suggested questions', async () => {
    const { reply } = await start()

    expect(reply.messages[0]?.text).toContain('星河商城售后服务')
    expect(reply.messages[0]).toMatchObject({
      quickReplies: expect.arrayContaining([{ label: '退货运费谁出？' }]),
    })
  })

  it('answers who pays return shipping with the return policy sentence, cited and offline', async () => {
    const { id } = await start()

    const reply = await say(id, '退货运费谁出？')

    expect(reply.messages).toHaveLength(1)
    const [answer] = reply.messages
    expect(answer?.text).toContain(
      '因个人原因（如不喜欢、不合适、拍错）申请无理由退货的，退货运费由买家承担。',
    )
    expect(answer?.meta).toMatchObject({
      isOffline: true,
      model: 'offline',
      citations: [expect.objectContaining({ source: 'return-policy.md' })],
    })
  })

  it('runs intent → retrieve → llm for a question', async () => {
    const { id } = await start()
    await say(id, '退货运费谁出？')

    const trace = (await (await t.request('GET', `/api/conversations/${id}/trace`)).json()) as {
      turns: { steps: { nodeId: string; port: string | null }[] }[]
    }

    const steps = trace.turns.at(-1)?.steps.map((step) => [step.nodeId, step.port])
    expect(steps).toEqual([
      ['listen', 'answer'],
      ['lang', 'zh'],
      ['intent', 'returns'],
      ['search', 'found'],
      ['answer', 'default'],
      ['listen', null],
    ])
  })

  it('answers an English customer in English, from the English documents', async () => {
    const { id } = await start()

    const shipping = await say(id, 'How long does delivery take to Shanghai?')
    const warranty = await say(id, 'How long is the warranty on a phone?')
    const refund = await say(id, 'How long does a refund take?')
    const bye = await say(id, 'bye')

    const texts = [shipping, warranty, refund].map((reply) => reply.messages[0]?.text ?? '')
    expect(texts[0]).toContain('1 to 2 days')
    expect(texts[1]).toContain('1-year warranty')
    expect(texts[2]).toContain('1 to 3 working days')
    expect(texts.join(' ')).not.toMatch(/[\u4e00-\u9fff]/)
    expect(bye.messages.at(-1)?.text).toBe(
      'Thank you for contacting us. Enjoy your shopping, goodbye!',
    )
  })

  it('answers questions on shipping and warranty from their own documents', async () => {
    const { id } = await start()

    const shipping = await say(id, '付款后多久发货？')
    const warranty = await say(id, '手机保修多久？')
    const refund = await say(id, '退款多久到账？')

    expect(shipping.messages[0]?.text).toContain('现货商品在付款成功后 48 小时内发货')
    expect(warranty.messages[0]?.text).toContain('手机、平板电脑、笔记本电脑的主机保修期为 1 年')
    expect(refund.messages[0]?.text).toContain('支付宝和微信支付的退款一般 1 至 3 个工作日到账')
  })

  it('gives the hotline when the customer asks for a person, and goes on answering', async () => {
    const { id } = await start()

    const human = await say(id, '我要转人工')
    const next = await say(id, '满多少包邮？')

    expect(human.messages[0]?.text).toContain('400-820-8820')
    expect(next.messages[0]?.text).toContain('单笔订单实付满 99 元包邮')
  })

  it('says goodbye and closes the conversation', async () => {
    const { id } = await start()

    const reply = await say(id, '再见')

    expect(reply.status).toBe('closed')
    expect(reply.messages[0]?.text).toContain('再见')
  })
})

describe('example knowledge seeding', () => {
  it('creates the knowledge base under its folder name with its documents in both languages', async () => {
    const response = await t.request('GET', '/api/knowledge-bases/ecommerce-aftersales/documents')

    const { documents } = (await response.json()) as {
      documents: { name: string; status: string }[]
    }
    expect(documents.map((d) => [d.name, d.status]).sort()).toEqual([
      ['return-policy.en.md', 'ready'],
      ['return-policy.md', 'ready'],
      ['shipping.en.md', 'ready'],
      ['shipping.md', 'ready'],
      ['warranty.en.md', 'ready'],
      ['warranty.md', 'ready'],
    ])
  })

  it('leaves an existing example knowledge base alone', async () => {
    expect(await seedKnowledge(t)).toEqual([])
  })

  it('loads every example flow at first start, this one included', async () => {
    const fresh = createTestApp()
    try {
      const seeded = await seedExampleFlows({
        flows: fresh.flows,
        registry: fresh.registry,
        examplesDir: join(projectRoot, 'examples', 'flows'),
        log,
      })

      expect(seeded).toContain('ecommerce-aftersales')
    } finally {
      fresh.close()
    }
  })
})
