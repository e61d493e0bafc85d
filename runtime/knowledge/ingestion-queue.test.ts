import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { IngestionQueue } from './ingestion-queue.ts'
import { KnowledgeStore } from './knowledge-store.ts'
import type { KnowledgeDocument } from './knowledge-types.ts'

const longText = Array.from({ length: 200 }, (_, i) => `第${i}段：退货需在七天内申请。`).join(
  '\n\n',
)

describe('IngestionQueue', () => {
  let db: ReturnType<typeof openTestDatabase>
  let store: KnowledgeStore

  beforeEach(() => {
    db = openTestDatabase()
    store = new KnowledgeStore(db.database)
  })
  afterEach(() => db.remove())

  async function queuedDocument(name: string, text: string) {
    const base = await store.createBase({
      name: 'kb',
      description: '',
      chunkSize: 100,
      chunkOverlap: 0,
    })
    return store.saveUpload({
      knowledgeBaseId: base.id,
      name,
      format: 'txt',
      tags: [],
      content: { kind: 'text', text, isMarkdown: false },
      byteSize: text.length,
    })
  }

  it('reports growing progress while processing, then ready with every chunk', async () => {
    const pending = await queuedDocument('manual.txt', longText)
    const queue = new IngestionQueue({ store, sliceSize: 10 })
    const seen: KnowledgeDocument[] = []

    queue.enqueue(pending)
    for (;;) {
      const document = await store.getDocument(pending.knowledgeBaseId, pending.documentId)
      seen.push(document)
      if (document.status === 'ready' || document.status === 'failed') break
      await new Promise((resolve) => setImmediate(resolve))
    }

    const processing = seen.filter((d) => d.status === 'processing').map((d) => d.progress)
    expect(processing.some((progress) => progress > 0 && progress < 1)).toBe(true)
    expect(processing).toEqual([...processing].sort((a, b) => a - b))
    expect(seen.at(-1)).toMatchObject({ status: 'ready', progress: 1 })
    expect(seen.at(-1)?.chunkCount).toBeGreaterThan(20)
  })

  it('writes no chunk before the whole document is processed', async () => {
    const pending = await queuedDocument('manual.txt', longText)
    const queue = new IngestionQueue({ store, sliceSize: 10 })
    const countChunks = () =>
      (db.database.sqlite.prepare('SELECT count(*) AS n FROM kb_chunks').get() as { n: number }).n
    const counts: number[] = []

    queue.enqueue(pending)
    while (
      (await store.getDocument(pending.knowledgeBaseId, pending.documentId)).status !== 'ready'
    ) {
      counts.push(countChunks())
      await new Promise((resolve) => setImmediate(resolve))
    }

    expect(new Set(counts)).toEqual(new Set([0]))
  })

  it('finishes documents a stopped server left queued', async () => {
    const pending = await queuedDocument('manual.txt', '保修一年。')
    const restarted = new IngestionQueue({ store })

    const resumed = await restarted.resume()
    await restarted.idle()

    expect(resumed).toBe(1)
    expect(await store.getDocument(pending.knowledgeBaseId, pending.documentId)).toMatchObject({
      status: 'ready',
      chunkCount: 1,
    })
  })

  it('drops the result of a job whose document was uploaded again meanwhile', async () => {
    const first = await queuedDocument('manual.txt', '旧内容。')
    const second = await store.saveUpload({
      knowledgeBaseId: first.knowledgeBaseId,
      name: 'manual.txt',
      format: 'txt',
      tags: [],
      content: { kind: 'text', text: '新内容。', isMarkdown: false },
      byteSize: 12,
    })
    const queue = new IngestionQueue({ store })

    queue.enqueue(first)
    queue.enqueue(second)
    await queue.idle()

    const texts = db.database.sqlite.prepare('SELECT text FROM kb_chunks').all()
    expect(texts).toEqual([{ text: '新内容。' }])
  })

  it('writes nothing when the knowledge base was deleted before the job ran', async () => {
    const pending = await queuedDocument('manual.txt', '保修一年。')
    await store.deleteBase(pending.knowledgeBaseId)
    const queue = new IngestionQueue({ store })

    queue.enqueue(pending)
    await queue.idle()

    expect(db.database.sqlite.prepare('SELECT count(*) AS n FROM kb_documents').get()).toEqual({
      n: 0,
    })
  })
})
