import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../shared/index.ts'
import { extractAnswer } from './extract-answer.ts'

function ask(knowledge: string, question: string): ChatMessage[] {
  return [
    { role: 'system', content: knowledge },
    { role: 'user', content: question },
  ]
}

const returnPolicy = [
  '请根据以下知识回答客户的问题。',
  '本店支持七天无理由退货。',
  '签收后7天内可以在订单页面申请退货。',
  '退货运费由买家承担，质量问题除外。',
  '退款会在仓库收到退货后3个工作日内原路返回。',
  '会员积分可以在下单时抵扣现金。',
].join('')

describe('offline answer extraction', () => {
  it('picks the Chinese sentence that matches the question by character bigrams', () => {
    const answer = extractAnswer(ask(returnPolicy, '退款多久能原路返回？'))

    expect(answer).toEqual({
      text: '退款会在仓库收到退货后3个工作日内原路返回。',
      isFound: true,
    })
  })

  it('picks the English sentence that matches the question by words', () => {
    const knowledge =
      'Our stores open at 9 am. Refunds are paid back to the original card within 5 business days. Gift cards never expire.'

    const answer = extractAnswer(ask(knowledge, 'How long do refunds take to reach my card?'))

    expect(answer.text).toBe('Refunds are paid back to the original card within 5 business days.')
  })

  it('returns up to three matching sentences in their original order', () => {
    const answer = extractAnswer(ask(returnPolicy, '退货运费谁承担？签收后怎么申请退货？'))

    expect(answer.text).toBe(
      '签收后7天内可以在订单页面申请退货。退货运费由买家承担，质量问题除外。',
    )
  })

  it('never quotes the prompt instructions that sit next to the knowledge', () => {
    const answer = extractAnswer(ask(returnPolicy, '请根据知识回答：会员积分怎么用？'))

    expect(answer.text).toBe('会员积分可以在下单时抵扣现金。')
  })

  it('answers an FAQ with the answer under the matching question, not the question', () => {
    const faq = [
      '问：发票怎么开？',
      '答：在订单详情页点击"申请发票"，电子发票会发到您的邮箱。',
      '',
      '问：退货需要多长时间？',
      '答：仓库收货后3个工作日内完成退款。',
    ].join('\n')

    const answer = extractAnswer(ask(faq, '退货要多久'))

    expect(answer.text).toBe('仓库收货后3个工作日内完成退款。')
  })

  it('reads knowledge and a labelled question from the user message itself', () => {
    const prompt = `参考资料：\n${returnPolicy}\n问题：会员积分能抵现金吗`

    const answer = extractAnswer([{ role: 'user', content: prompt }])

    expect(answer.text).toBe('会员积分可以在下单时抵扣现金。')
  })

  it('quotes a sentence once when several chunks repeat it, adding full stops between lines', () => {
    const chunks = [
      '- 客服热线 400-800-1234',
      '- 客服热线 400-800-1234',
      '- 客服在线时间 9:00-21:00',
    ]

    const answer = extractAnswer(ask(chunks.join('\n'), '客服热线和在线时间'))

    expect(answer.text).toBe('客服热线 400-800-1234。客服在线时间 9:00-21:00')
  })

  it('does not treat earlier customer messages as knowledge', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: returnPolicy },
      { role: 'user', content: '你们的营业时间是几点到几点？' },
      { role: 'user', content: '营业时间是几点' },
    ]

    expect(extractAnswer(messages).isFound).toBe(false)
  })

  it('says politely in Chinese that the knowledge base has no answer', () => {
    const answer = extractAnswer(ask(returnPolicy, '你们的营业时间是几点？'))

    expect(answer).toEqual({
      text: '抱歉，我没有在知识库中找到与您的问题相关的答案。',
      isFound: false,
    })
  })

  it('says it in English when the question has no CJK character', () => {
    const answer = extractAnswer(ask('', 'What are your opening hours?'))

    expect(answer.text).toBe(
      "Sorry, I couldn't find an answer to your question in the knowledge base.",
    )
  })
})
