import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { KnowledgeStore } from './knowledge-store.ts'

describe('KnowledgeStore', () => {
  let db: ReturnType<typeof openTestDatabase>
  let store: KnowledgeStore

  beforeEach(() => {
    db = openTestDatabase()
    store = new KnowledgeStore(db.database)
  })
  afterEach(() => db.remove())

  async function indexed(name: string, terms: string[][]) {
    const base = await store.createBase({
      name: 'kb',
      description: '',
      chunkSize: 500,
      chunkOverlap: 0,
    })
    const pending = await store.saveUpload({
      knowledgeBaseId: base.id,
      name,
      format: 'txt',
      tags: [],
      content: { kind: 'text', text: 'x', isMarkdown: false },
      byteSize: 1,
    })
    await store.replaceChunks(
      pending,
      terms.map((bodyTerms) => ({
        title: '',
        text: bodyTerms.join(''),
        titleTerms: [],
        bodyTerms,
      })),
      undefined,
    )
    return pending
  }

  it('keeps the corpus figures exact as chunks come and go', async () => {
    const first = await indexed('a.txt', [['退货', '运费'], ['保修']])
    await indexed('b.txt', [['发票']])

    expect(await store.search.corpusStats()).toEqual({
      chunkCount: 3,
      meanTitleBytes: 0,
      meanBodyBytes: (13 + 6 + 6) / 3,
    })
    await store.deleteDocument(first.knowledgeBaseId, first.documentId)
    expect(await store.search.corpusStats()).toEqual({
      chunkCount: 1,
      meanTitleBytes: 0,
      meanBodyBytes: 6,
    })
  })

  it('counts in how many chunks each term occurs', async () => {
    await indexed('a.txt', [['退货', '运费'], ['退货']])

    expect(await store.search.documentFrequencies(['退货', '运费', '发票'])).toEqual(
      new Map([
        ['退货', 2],
        ['运费', 1],
      ]),
    )
  })

  it('moves the term counts with a document replaced by a new version', async () => {
    const first = await indexed('a.txt', [['退货', '运费']])
    const second = await store.saveUpload({
      knowledgeBaseId: first.knowledgeBaseId,
      name: 'a.txt',
      format: 'txt',
      tags: [],
      content: { kind: 'text', text: 'x', isMarkdown: false },
      byteSize: 1,
    })

    await store.replaceChunks(
      second,
      [{ title: '', text: '保修', titleTerms: [], bodyTerms: ['保修'] }],
      undefined,
    )

    expect(await store.search.documentFrequencies(['退货', '运费', '保修'])).toEqual(
      new Map([['保修', 1]]),
    )
  })

  it('removes the index rows of deleted chunks', async () => {
    const document = await indexed('a.txt', [['退货']])

    await store.deleteBase(document.knowledgeBaseId)

    expect(await store.search.documentFrequencies(['退货'])).toEqual(new Map())
  })

  it('ranks only the newest matches when a scan limit is given', async () => {
    const document = await indexed('a.txt', [
      ['退货'],
      ['退货', '退货', '退货'],
      ['退货'],
      ['退货'],
    ])
    const search = (scanLimit?: number) =>
      store.search.searchFullText({
        match: `{title body} : ("退货") AND scope : ("kbx${Buffer.from(document.knowledgeBaseId).toString('hex')}")`,
        limit: 10,
        titleWeight: 3,
        bodyWeight: 1,
        scanLimit,
      })

    const all = await search()
    const newest = await search(2)

    expect(all).toHaveLength(4)
    expect(all[0]?.bodyTerms).toBe('退货 退货 退货')
    expect(newest.map((chunk) => chunk.chunkId)).toEqual(
      all
        .map((chunk) => chunk.chunkId)
        .sort((a, b) => b - a)
        .slice(0, 2),
    )
    // Ties may come in another order: compare as sets.
    const byId = (chunks: typeof all) => [...chunks].sort((a, b) => a.chunkId - b.chunkId)
    expect(byId(await search(100))).toEqual(byId(all))
  })

  it('reports document and chunk counts per knowledge base', async () => {
    const document = await indexed('a.txt', [['退货'], ['运费']])

    expect(await store.getBase(document.knowledgeBaseId)).toMatchObject({
      documentCount: 1,
      chunkCount: 2,
    })
  })
})
