import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOpenAiEmbedder, type KnowledgeDocument } from '../../runtime/knowledge/index.ts'
import { OpenAiStub } from '../stubs/openai-stub.ts'
import { createTestApp, type TestApp, testToken } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'
import { createBase, search, uploadAndWait } from './knowledge-support.ts'

const faqSheet = `问题,答案
怎么申请退货,在订单页点击申请退货，七天内无理由。
运费谁承担,质量问题由我们承担运费，其他情况由顾客承担。
保修多久,整机保修一年，电池保修六个月。
发票怎么开,下单时填写抬头，电子发票随货发送。
`

describe('knowledge search (bm25)', () => {
  let t: TestApp

  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(async () => {
    await t.knowledge.ingestion.idle()
    t.close()
  })

  it('returns hits with score, document, chunk and text, best first', async () => {
    const base = await createBase(t)
    const document = await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    const hits = await search(t, base.id, { query: '保修期多长时间', topK: 2 })

    expect(hits[0]).toEqual({
      score: expect.any(Number),
      documentId: document.id,
      documentName: 'faq.csv',
      chunkId: expect.any(String),
      title: '保修多久',
      text: '整机保修一年，电池保修六个月。',
    })
    expect(hits.length).toBeLessThanOrEqual(2)
    expect(hits.map((hit) => hit.score)).toEqual(
      [...hits.map((hit) => hit.score)].sort((a, b) => b - a),
    )
  })

  it('matches an FAQ question to a differently worded one', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    const hits = await search(t, base.id, { query: '我想退货，怎么申请？' })

    expect(hits[0]?.title).toBe('怎么申请退货')
  })

  it('searches only the knowledge base asked for', async () => {
    const returns = await createBase(t, { name: '退货' })
    const other = await createBase(t, { name: '其他' })
    await uploadAndWait(t, other.id, 'other.txt', '退货地址：上海市。')

    expect(await search(t, returns.id, { query: '退货' })).toEqual([])
  })

  it('keeps only documents carrying one of the tags', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'phone.txt', '手机保修一年。', { tags: '手机, 售后' })
    await uploadAndWait(t, base.id, 'laptop.txt', '笔记本保修两年。', { tags: '电脑' })

    const hits = await search(t, base.id, { query: '保修', tags: ['电脑'] })

    expect(hits.map((hit) => hit.documentName)).toEqual(['laptop.txt'])
  })

  it('leaves out hits below minScore', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    const all = await search(t, base.id, { query: '保修' })
    const strict = await search(t, base.id, { query: '保修', minScore: (all[0]?.score ?? 0) + 1 })

    expect(all.length).toBeGreaterThan(0)
    expect(strict).toEqual([])
  })

  it('finds nothing for a query of only stop words and punctuation', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    expect(await search(t, base.id, { query: '的了吗？！' })).toEqual([])
  })

  it('searches quoted and operator-like text safely', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    const hits = await search(t, base.id, { query: '"退货" AND OR NOT * (运费' })

    expect(hits.length).toBeGreaterThan(0)
  })

  it.each(['dense', 'hybrid'])('refuses %s mode without an embedding model (422)', async (mode) => {
    const base = await createBase(t)

    const response = await t.request('POST', `/api/knowledge-bases/${base.id}/search`, {
      query: '退货',
      mode,
    })

    const error = await expectError(response, 422, 'search_mode_unavailable')
    expect(error.message).toContain('embedding model')
  })

  it('refuses an empty query, naming the field', async () => {
    const base = await createBase(t)

    const response = await t.request('POST', `/api/knowledge-bases/${base.id}/search`, {
      query: ' ',
    })

    await expectError(response, 422, 'invalid_request')
  })
})

describe('knowledge search with embeddings (OpenAI stub)', () => {
  let stub: OpenAiStub
  let t: TestApp

  beforeAll(async () => {
    stub = await OpenAiStub.start()
  })
  afterAll(() => stub.close())
  beforeEach(() => {
    const provider = { name: 'stub', baseUrl: stub.baseUrl, apiKey: 'k', chatModel: 'gpt-4o-mini' }
    t = createTestApp({ embedder: createOpenAiEmbedder(provider, 'text-embedding-3-small') })
  })
  afterEach(async () => {
    await t.knowledge.ingestion.idle()
    t.close()
  })

  it('embeds every chunk through /v1/embeddings while indexing', async () => {
    const base = await createBase(t)
    stub.reset()

    await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    const embeddingCalls = stub.requests.filter((r) => r.path === '/v1/embeddings')
    expect(embeddingCalls).toHaveLength(1)
    const stored = t.database.sqlite
      .prepare('SELECT count(*) AS n FROM kb_chunks WHERE embedding IS NOT NULL')
      .get() as { n: number }
    expect(stored.n).toBe(4)
  })

  it('finds the closest chunk by cosine in dense mode', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    const hits = await search(t, base.id, { query: '发票怎么开', mode: 'dense' })

    expect(hits[0]?.title).toBe('发票怎么开')
    expect(hits[0]?.score).toBeGreaterThan(0)
  })

  it('fuses bm25 and dense rankings in hybrid mode, the default with embeddings', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'faq.csv', faqSheet)

    const response = await t.request('POST', `/api/knowledge-bases/${base.id}/search`, {
      query: '运费谁承担',
    })

    const body = (await response.json()) as {
      mode: string
      hits: { title: string; score: number }[]
    }
    expect(body.mode).toBe('hybrid')
    expect(body.hits[0]?.title).toBe('运费谁承担')
    // Reciprocal rank fusion: first in both lists gives 2 / (60 + 1).
    expect(body.hits[0]?.score).toBeCloseTo(2 / 61, 5)
  })

  it('marks the document failed, naming it, when the embedding endpoint refuses', async () => {
    const failing = createTestApp({
      embedder: createOpenAiEmbedder(
        { name: 'down', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k', chatModel: 'm' },
        'text-embedding-3-small',
        { maxRetries: 0, timeoutMs: 2000 },
      ),
    })
    try {
      const base = await createBase(failing)

      const document: KnowledgeDocument = await uploadAndWait(failing, base.id, 'faq.csv', faqSheet)

      expect(document.status).toBe('failed')
      expect(document.error).toMatch(/Indexing "faq.csv" failed: .*embeddings/)
      expect(await search(failing, base.id, { query: '运费', mode: 'bm25' })).toEqual([])
    } finally {
      await failing.knowledge.ingestion.idle()
      failing.close()
    }
  })
})

describe('upload size limit', () => {
  let t: TestApp

  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(() => t.close())

  /** A body of `megabytes` MB produced lazily, never held in memory at once. */
  function lazyBody(megabytes: number) {
    let sent = 0
    const boundary = 'x-boundary'
    const chunk = new Uint8Array(1024 * 1024).fill(97)
    const pulled = { megabytes: 0 }
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) {
          controller.enqueue(
            new TextEncoder().encode(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n`,
            ),
          )
        }
        if (sent >= megabytes) {
          controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`))
          controller.close()
          return
        }
        sent++
        pulled.megabytes = sent
        controller.enqueue(chunk)
      },
    })
    return { stream, pulled, contentType: `multipart/form-data; boundary=${boundary}` }
  }

  it('answers 413 to a 100 MB upload, reading no more than the limit', async () => {
    const base = await createBase(t)
    const { stream, pulled, contentType } = lazyBody(100)

    const response = await t.app.request(`/api/knowledge-bases/${base.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testToken}`, 'content-type': contentType },
      body: stream,
      duplex: 'half',
    } as RequestInit)

    await expectError(response, 413, 'payload_too_large')
    expect(pulled.megabytes).toBeLessThanOrEqual(52)
    expect(
      await (await t.request('GET', `/api/knowledge-bases/${base.id}/documents`)).json(),
    ).toEqual({
      documents: [],
    })
  })

  it('answers 413 at once when content-length declares more than the limit', async () => {
    const base = await createBase(t)
    const { stream, pulled, contentType } = lazyBody(100)

    const response = await t.app.request(`/api/knowledge-bases/${base.id}/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${testToken}`,
        'content-type': contentType,
        'content-length': String(100 * 1024 * 1024),
      },
      body: stream,
      duplex: 'half',
    } as RequestInit)

    await expectError(response, 413, 'payload_too_large')
    expect(pulled.megabytes).toBeLessThanOrEqual(2)
  })
})
