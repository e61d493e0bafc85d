import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentChunk } from '../../runtime/knowledge/index.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError, problemPaths } from './expect-error.ts'
import { createBase, uploadAndWait } from './knowledge-support.ts'

let t: TestApp

beforeEach(() => {
  t = createTestApp()
})
afterEach(async () => {
  await t.knowledge.ingestion.idle()
  t.close()
})

const faq =
  '问题,答案\n怎么退货？,七天内申请退货。\n多久退款？,三个工作日内退款。\n能开发票吗？,可以开电子发票。\n'

async function chunksOf(path: string) {
  const response = await t.request('GET', path)
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as { chunks: DocumentChunk[]; total: number }
}

describe("a document's chunks", () => {
  it('lists them in reading order with their titles and the total', async () => {
    const base = await createBase(t)
    const doc = await uploadAndWait(t, base.id, 'faq.csv', faq)

    const body = await chunksOf(`/api/knowledge-bases/${base.id}/documents/${doc.id}/chunks`)

    expect(body.total).toBe(3)
    expect(body.chunks.map((c) => [c.seq, c.title])).toEqual([
      [0, '怎么退货？'],
      [1, '多久退款？'],
      [2, '能开发票吗？'],
    ])
    expect(body.chunks[0]?.text).toContain('七天内申请退货')
  })

  it('pages with offset and limit', async () => {
    const base = await createBase(t)
    const doc = await uploadAndWait(t, base.id, 'faq.csv', faq)

    const body = await chunksOf(
      `/api/knowledge-bases/${base.id}/documents/${doc.id}/chunks?offset=1&limit=1`,
    )

    expect(body.chunks.map((c) => c.title)).toEqual(['多久退款？'])
    expect(body.total).toBe(3)
  })

  it('refuses a limit above 200, naming the parameter', async () => {
    const base = await createBase(t)
    const doc = await uploadAndWait(t, base.id, 'faq.csv', faq)

    const response = await t.request(
      'GET',
      `/api/knowledge-bases/${base.id}/documents/${doc.id}/chunks?limit=500`,
    )

    const error = await expectError(response, 422, 'invalid_request')
    expect(problemPaths(error)).toEqual([['limit']])
  })

  it('answers 404 for a document that is not in the knowledge base', async () => {
    const base = await createBase(t)

    await expectError(
      await t.request('GET', `/api/knowledge-bases/${base.id}/documents/doc-none/chunks`),
      404,
      'document_not_found',
    )
  })
})
