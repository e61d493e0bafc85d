import { describe, expect, it } from 'vitest'
import {
  type KnowledgeHit,
  type KnowledgeSearchRequest,
  type KnowledgeService,
  ServiceUnavailableError,
  type TranscriptMessage,
  testContext,
} from '../../shared/index.ts'
import retrieve from './index.ts'

function fakeKb(hits: KnowledgeHit[]): KnowledgeService & { requests: KnowledgeSearchRequest[] } {
  const requests: KnowledgeSearchRequest[] = []
  return {
    requests,
    async search(request) {
      requests.push(request)
      return hits
    },
  }
}

const returnPolicy: KnowledgeHit = {
  knowledgeBaseId: 'kb1',
  documentId: 'doc1',
  chunkId: '7',
  text: '七天无理由退货，质量问题免运费。',
  score: 4.2,
  source: '退货政策.md',
  title: '退货政策',
}

function message(role: TranscriptMessage['role'], text: string, seq: number): TranscriptMessage {
  return { id: `m${seq}`, role, text, createdAt: `2026-01-01T00:00:0${seq}Z` }
}

describe('retrieve node', () => {
  it('takes found and outputs the hits with text, score and source', async () => {
    const kb = fakeKb([returnPolicy])
    const config = retrieve.config.parse({ knowledgeBaseIds: ['kb1'] })

    const result = await retrieve.run(testContext({ text: '怎么退货', kb }), config)

    expect(result).toEqual({
      port: 'found',
      output: {
        query: '怎么退货',
        count: 1,
        hits: [
          {
            text: '七天无理由退货，质量问题免运费。',
            score: 4.2,
            source: '退货政策.md',
            title: '退货政策',
            documentId: 'doc1',
            chunkId: '7',
            knowledgeBaseId: 'kb1',
          },
        ],
      },
    })
  })

  it('takes notFound when the search finds nothing', async () => {
    const config = retrieve.config.parse({ knowledgeBaseIds: ['kb1'] })

    const result = await retrieve.run(testContext({ text: '你们卖火箭吗', kb: fakeKb([]) }), config)

    expect(result).toMatchObject({ port: 'notFound', output: { count: 0, hits: [] } })
  })

  it('passes topK, minimum score, tags and mode to the search', async () => {
    const kb = fakeKb([])
    const config = retrieve.config.parse({
      knowledgeBaseIds: ['kb1', 'kb2'],
      topK: 5,
      minScore: 1.5,
      tags: ['售后'],
      mode: 'bm25',
    })

    await retrieve.run(testContext({ text: '保修多久', kb }), config)

    expect(kb.requests).toEqual([
      {
        query: '保修多久',
        knowledgeBaseIds: ['kb1', 'kb2'],
        topK: 5,
        minScore: 1.5,
        tags: ['售后'],
        mode: 'bm25',
      },
    ])
  })

  it('renders the query template against the variables', async () => {
    const kb = fakeKb([])
    const config = retrieve.config.parse({
      knowledgeBaseIds: ['kb1'],
      query: '{{ vars.product }} 保修',
    })

    await retrieve.run(testContext({ text: '多久', vars: { product: '空气炸锅' }, kb }), config)

    expect(kb.requests[0]?.query).toBe('空气炸锅 保修')
  })

  it('adds the previous customer message to a short, elliptical one', async () => {
    const kb = fakeKb([])
    const history = [
      message('customer', '退货流程是什么', 1),
      message('bot', '请在订单页申请退货。', 2),
      message('customer', '运费呢？', 3),
    ]
    const config = retrieve.config.parse({ knowledgeBaseIds: ['kb1'] })

    await retrieve.run(testContext({ text: '运费呢？', history, kb }), config)

    expect(kb.requests[0]?.query).toBe('退货流程是什么 运费呢？')
  })

  it('adds the previous message when the message leans on it ("what about …")', async () => {
    const kb = fakeKb([])
    const history = [
      message('customer', 'How long does a refund take?', 1),
      message('customer', 'What about exchanges for a different size?', 2),
    ]
    const config = retrieve.config.parse({ knowledgeBaseIds: ['kb1'] })

    await retrieve.run(
      testContext({ text: 'What about exchanges for a different size?', history, kb }),
      config,
    )

    expect(kb.requests[0]?.query).toBe(
      'How long does a refund take? What about exchanges for a different size?',
    )
  })

  it('searches a self-contained message on its own', async () => {
    const kb = fakeKb([])
    const history = [message('customer', '你好', 1), message('customer', '空气炸锅保修多久', 2)]
    const config = retrieve.config.parse({ knowledgeBaseIds: ['kb1'] })

    await retrieve.run(testContext({ text: '空气炸锅保修多久', history, kb }), config)

    expect(kb.requests[0]?.query).toBe('空气炸锅保修多久')
  })

  it('takes notFound without searching when the query is empty', async () => {
    const kb = fakeKb([returnPolicy])
    const config = retrieve.config.parse({ knowledgeBaseIds: ['kb1'] })

    const result = await retrieve.run(testContext({ text: '  ', kb }), config)

    expect(result).toMatchObject({ port: 'notFound' })
    expect(kb.requests).toEqual([])
  })

  it('throws when the search fails, which takes the error port', async () => {
    const kb: KnowledgeService = {
      search: async () => {
        throw new ServiceUnavailableError('embeddings', 'the provider timed out')
      },
    }
    const config = retrieve.config.parse({ knowledgeBaseIds: ['kb1'] })

    await expect(async () =>
      retrieve.run(testContext({ text: '怎么退货', kb }), config),
    ).rejects.toThrow(ServiceUnavailableError)
  })

  it('throws when no knowledge base is selected', async () => {
    const config = retrieve.config.parse({})

    await expect(async () =>
      retrieve.run(testContext({ text: '怎么退货', kb: fakeKb([]) }), config),
    ).rejects.toThrow(/no knowledge base/)
  })

  it('has found, notFound and error ports', () => {
    expect(retrieve.outputs(retrieve.config.parse({}))).toEqual(['found', 'notFound', 'error'])
  })

  it('defaults to the top 3 hits of any score, every tag, automatic mode', () => {
    expect(retrieve.config.parse({})).toEqual({
      query: '',
      knowledgeBaseIds: [],
      topK: 3,
      minScore: 0,
      tags: [],
      mode: 'auto',
    })
  })
})
