import type { JsonValue } from '../../shared/index.ts'
import intent from './index.ts'

/** A small Chinese after-sales intent table, as an operator would write it. */
export const chineseIntents = [
  {
    name: 'return_howto',
    labels: { 'zh-CN': '怎么退货', en: 'How to return' },
    description: '客户想退货，询问退货流程',
    examples: [
      '我要退货',
      '怎么退货',
      '退货流程是什么',
      '这个东西想退回去',
      '可以七天无理由退货吗',
      '衣服不合适能退吗',
      '申请退货在哪里操作',
      '收到的商品有问题我想退掉',
    ],
  },
  {
    name: 'return_fee',
    labels: { 'zh-CN': '退货运费' },
    description: '退货的运费由谁承担',
    examples: [
      '退货运费谁承担',
      '退货要付运费吗',
      '退货的邮费谁出',
      '退货需要我出运费吗',
      '退货包邮吗',
    ],
  },
  {
    name: 'exchange_fee',
    labels: { 'zh-CN': '换货运费' },
    description: '换货的运费由谁承担',
    examples: [
      '换货运费谁承担',
      '换货要付运费吗',
      '换货的邮费谁出',
      '换货需要我出运费吗',
      '换货包邮吗',
    ],
  },
  {
    name: 'track_order',
    labels: { 'zh-CN': '查物流' },
    description: '查询快递和物流进度',
    examples: [
      '我的快递到哪了',
      '帮我查一下物流',
      '包裹什么时候到',
      '订单发货了吗',
      '物流信息怎么看',
      '为什么还没收到货',
      '快递单号是多少',
      '配送进度查询',
    ],
  },
  {
    name: 'invoice',
    labels: { 'zh-CN': '发票' },
    description: '开具或修改发票',
    examples: [
      '怎么开发票',
      '我需要增值税发票',
      '发票抬头写错了',
      '能补开发票吗',
      '电子发票在哪下载',
      '公司报销要开票',
      '发票税号填错了能改吗',
      '开个普通发票',
    ],
  },
]

/** The same kind of table in English. */
export const englishIntents = [
  {
    name: 'return_howto',
    description: 'The customer wants to send an item back',
    examples: [
      'i want to return this',
      'how do i return an item',
      'what is the return process',
      'can i send it back',
      'start a return for my order',
    ],
  },
  {
    name: 'return_fee',
    description: 'Who pays the shipping for a return',
    examples: [
      'who pays shipping for returns',
      'do i pay the shipping cost to return it',
      'is return shipping free',
      'how much does return shipping cost',
    ],
  },
  {
    name: 'exchange_fee',
    description: 'Who pays the shipping for an exchange',
    examples: [
      'who pays shipping for an exchange',
      'do i pay the shipping cost to exchange it',
      'is exchange shipping free',
      'how much does exchange shipping cost',
    ],
  },
  {
    name: 'track_order',
    description: 'Where the parcel is',
    examples: [
      'where is my package',
      'track my order',
      'when will my parcel arrive',
      'has my order shipped yet',
      'show me the delivery status',
    ],
  },
  {
    name: 'invoice',
    description: 'Getting or fixing an invoice',
    examples: [
      'i need an invoice',
      'how do i get a receipt for my order',
      'the company name on my invoice is wrong',
      'can you send me a vat invoice',
      'download my invoice',
    ],
  },
]

export function intentConfig(overrides: Record<string, unknown> = {}) {
  return intent.config.parse({ intents: chineseIntents, ...overrides })
}

/** What the engine does at publish and load: prepare, store as JSON, load. */
export async function preparedFor(config: ReturnType<typeof intentConfig>): Promise<unknown> {
  const stored: JsonValue = JSON.parse(JSON.stringify((await intent.prepare?.(config)) ?? null))
  return intent.load?.(stored, config)
}
