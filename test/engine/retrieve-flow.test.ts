import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBase, uploadAndWait } from '../api/knowledge-support.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

const faqSheet = `问题,答案
怎么申请退货,在订单页点击申请退货，七天内无理由。
保修多久,整机保修一年，电池保修六个月。
`

describe('a flow with a retrieve node', () => {
  let t: TestApp
  let knowledgeBaseId: string

  beforeEach(async () => {
    t = createTestApp()
    knowledgeBaseId = (await createBase(t)).id
    await uploadAndWait(t, knowledgeBaseId, 'faq.csv', faqSheet)
  })
  afterEach(() => t.close())

  it('replies with the text of the best hit: start → retrieve → reply', async () => {
    await t.publish(
      buildFlow(
        'kb-answer',
        [
          { id: 'start', type: 'start' },
          {
            id: 'r',
            type: 'retrieve',
            config: { query: '保修期多长', knowledgeBaseIds: [knowledgeBaseId] },
          },
          { id: 'answer', type: 'reply', config: { text: '{{ nodes.r.hits[0].text }}' } },
        ],
        [
          ['start', 'next', 'r'],
          ['r', 'found', 'answer'],
        ],
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'kb-answer' })

    expect(result.messages.map((m) => m.text)).toEqual(['整机保修一年，电池保修六个月。'])
  })

  it('answers each customer question from the knowledge base, or says it found nothing', async () => {
    await t.publish(
      buildFlow(
        'kb-loop',
        [
          { id: 'start', type: 'start' },
          {
            id: 'listen',
            type: 'ask',
            config: { question: '请问有什么可以帮您？', variable: 'q', maxAttempts: 10 },
          },
          {
            id: 'r',
            type: 'retrieve',
            config: { knowledgeBaseIds: [knowledgeBaseId], minScore: 0.5 },
          },
          {
            id: 'answer',
            type: 'reply',
            config: { text: '{{ nodes.r.hits[0].text }}（来源：{{ nodes.r.hits[0].source }}）' },
          },
          { id: 'sorry', type: 'reply', config: { text: '抱歉，没有找到相关内容。' } },
        ],
        [
          ['start', 'next', 'listen'],
          ['listen', 'answer', 'r'],
          ['r', 'found', 'answer'],
          ['r', 'notFound', 'sorry'],
          ['answer', 'next', 'listen'],
          ['sorry', 'next', 'listen'],
        ],
        { variables: [{ name: 'q', type: 'string' }] },
      ),
    )
    const { conversationId } = await t.engine.startConversation({ flowId: 'kb-loop' })

    const found = await t.engine.postMessage(conversationId, { text: '我想申请退货' })
    const missing = await t.engine.postMessage(conversationId, { text: 'Do you sell rockets?' })

    expect(found.messages[0]?.text).toBe('在订单页点击申请退货，七天内无理由。（来源：faq.csv）')
    expect(missing.messages[0]?.text).toBe('抱歉，没有找到相关内容。')
  })

  it('takes the error port when the knowledge base needs a mode the server lacks', async () => {
    await t.publish(
      buildFlow(
        'kb-error',
        [
          { id: 'start', type: 'start' },
          {
            id: 'r',
            type: 'retrieve',
            config: { query: '退货', knowledgeBaseIds: [knowledgeBaseId], mode: 'dense' },
          },
          { id: 'oops', type: 'reply', config: { text: '知识库暂时不可用' } },
        ],
        [
          ['start', 'next', 'r'],
          ['r', 'error', 'oops'],
        ],
      ),
    )

    const result = await t.engine.startConversation({ flowId: 'kb-error' })

    expect(result.messages.map((m) => m.text)).toEqual(['知识库暂时不可用'])
  })
})
