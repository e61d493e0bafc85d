import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KnowledgeBase, KnowledgeDocument } from '../../runtime/knowledge/index.ts'
import { minimalDocx, minimalPdf, minimalXlsx } from '../support/document-files.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError, problemPaths } from './expect-error.ts'
import { chunkRows, createBase, search, uploadAndWait, uploadFile } from './knowledge-support.ts'

let t: TestApp

beforeEach(() => {
  t = createTestApp()
})
afterEach(async () => {
  await t.knowledge.ingestion.idle()
  t.close()
})

describe('knowledge bases', () => {
  it('creates one with default chunking and lists it', async () => {
    const created = await createBase(t, { description: '退换货与保修' })

    const list = (await (await t.request('GET', '/api/knowledge-bases')).json()) as {
      knowledgeBases: KnowledgeBase[]
    }
    expect(created).toMatchObject({
      name: '售后知识',
      description: '退换货与保修',
      chunkSize: 500,
      chunkOverlap: 50,
      documentCount: 0,
      chunkCount: 0,
    })
    expect(list.knowledgeBases.map((base) => base.id)).toEqual([created.id])
  })

  it('renames one and changes its chunking', async () => {
    const base = await createBase(t)

    const response = await t.request('PUT', `/api/knowledge-bases/${base.id}`, {
      name: '售后 FAQ',
      chunkSize: 300,
    })

    expect(await response.json()).toMatchObject({ name: '售后 FAQ', chunkSize: 300 })
  })

  it('refuses an overlap as large as the chunk size, naming the field', async () => {
    const response = await t.request('POST', '/api/knowledge-bases', {
      name: 'x',
      chunkSize: 200,
      chunkOverlap: 200,
    })

    const error = await expectError(response, 422, 'invalid_request')
    expect(problemPaths(error)).toEqual([['chunkOverlap']])
  })

  it('deletes one with its documents and chunks', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, '退货.txt', '七天无理由退货。')

    const deleted = await t.request('DELETE', `/api/knowledge-bases/${base.id}`)

    expect(deleted.status).toBe(204)
    await expectError(
      await t.request('GET', `/api/knowledge-bases/${base.id}`),
      404,
      'knowledge_base_not_found',
    )
    expect(chunkRows(t)).toBe(0)
  })

  it('answers 404 for an unknown knowledge base', async () => {
    await expectError(
      await t.request('POST', '/api/knowledge-bases/kb-none/search', { query: '退货' }),
      404,
      'knowledge_base_not_found',
    )
  })
})

describe('document upload', () => {
  it('accepts plain text as JSON and indexes it in the background', async () => {
    const base = await createBase(t)

    const response = await t.request('POST', `/api/knowledge-bases/${base.id}/documents`, {
      name: '退货政策',
      text: '七天无理由退货。质量问题由我们承担运费。',
    })

    expect(response.status).toBe(202)
    const queued = (await response.json()) as KnowledgeDocument
    expect(queued).toMatchObject({ name: '退货政策', format: 'txt', status: 'queued', progress: 0 })
    await t.knowledge.ingestion.idle()
    const read = await t.request('GET', `/api/knowledge-bases/${base.id}/documents/${queued.id}`)
    expect(await read.json()).toMatchObject({
      status: 'ready',
      progress: 1,
      chunkCount: 1,
      error: null,
    })
  })

  it.each([
    ['退货政策.txt', '七天无理由退货，质量问题免运费。', '退货'],
    ['policy.md', '# Returns\n\nReturns are accepted within thirty days.', 'returns accepted'],
    ['policy.html', '<h1>Warranty</h1><p>The warranty lasts <b>two years</b>.</p>', 'warranty'],
    ['policy.pdf', minimalPdf(['Refunds reach your card within five days.']), 'refund card'],
    [
      '保修.docx',
      minimalDocx([{ text: '保修政策', isHeading: true }, { text: '整机保修一年。' }]),
      '保修',
    ],
    ['faq.csv', 'question,answer\nHow long is shipping?,Two to three days.\n', 'shipping'],
    [
      'faq.xlsx',
      minimalXlsx([
        ['问题', '答案'],
        ['运费怎么算', '满99元包邮'],
      ]),
      '运费',
    ],
  ])('indexes %s so that search finds it', async (fileName, bytes, query) => {
    const base = await createBase(t)

    const document = await uploadAndWait(t, base.id, fileName, bytes)
    const hits = await search(t, base.id, { query })

    expect(document).toMatchObject({ status: 'ready', progress: 1 })
    expect(hits[0]).toMatchObject({ documentId: document.id, documentName: fileName })
  })

  it('keeps each FAQ pair whole as one chunk, the question as its title', async () => {
    const base = await createBase(t)
    const answer = `${'退货请在订单页提交申请，'.repeat(80)}审核通过后寄回。`
    await uploadAndWait(t, base.id, 'faq.csv', `问题,答案\n怎么退货,${answer}\n`)

    const hits = await search(t, base.id, { query: '怎么退货' })

    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ title: '怎么退货', text: answer })
  })

  it('keeps the heading of a section as the title of its chunks', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'policy.md', '# 保修\n\n## 电池\n\n电池保修六个月。')

    const hits = await search(t, base.id, { query: '电池保修' })

    expect(hits[0]).toMatchObject({ title: '保修 > 电池', text: '电池保修六个月。' })
  })

  it('replaces the chunks of a document uploaded again under the same name', async () => {
    const base = await createBase(t)
    const first = await uploadAndWait(t, base.id, '运费.txt', '运费十元。')

    const second = await uploadAndWait(t, base.id, '运费.txt', '满99元包邮。\n\n偏远地区另计。')

    expect(second.id).toBe(first.id)
    expect(second.chunkCount).toBe(1)
    expect(await search(t, base.id, { query: '运费十元' })).toEqual([])
    expect((await search(t, base.id, { query: '包邮' }))[0]?.text).toBe(
      '满99元包邮。\n\n偏远地区另计。',
    )
    expect(chunkRows(t)).toBe(1)
  })

  it('deletes a document with its chunks', async () => {
    const base = await createBase(t)
    const document = await uploadAndWait(t, base.id, '保修.txt', '保修一年。')

    const response = await t.request(
      'DELETE',
      `/api/knowledge-bases/${base.id}/documents/${document.id}`,
    )

    expect(response.status).toBe(204)
    expect(await search(t, base.id, { query: '保修' })).toEqual([])
    expect(chunkRows(t)).toBe(0)
    await expectError(
      await t.request('GET', `/api/knowledge-bases/${base.id}/documents/${document.id}`),
      404,
      'document_not_found',
    )
  })

  it('lists documents with their status', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'b.txt', '乙')
    await uploadAndWait(t, base.id, 'a.txt', '甲')

    const response = await t.request('GET', `/api/knowledge-bases/${base.id}/documents`)

    const { documents } = (await response.json()) as { documents: KnowledgeDocument[] }
    expect(documents.map((d) => [d.name, d.status])).toEqual([
      ['a.txt', 'ready'],
      ['b.txt', 'ready'],
    ])
  })
})

describe('bad uploads', () => {
  it.each([
    ['virus.exe', 'MZ\u0000\u0000', /unsupported file type \.exe/, 'unsupported_type'],
    ['broken.pdf', '%PDF-1.4 this is not a PDF', /PDF file could not be read/, 'corrupt'],
    ['broken.docx', 'not a zip', /DOCX file could not be read/, 'corrupt'],
    ['broken.xlsx', 'not a zip', /spreadsheet could not be read/, 'corrupt'],
    ['empty.txt', '   \n\n ', /contains no text/, 'no_text'],
    ['no-rows.csv', 'question,answer\n', /no question\/answer rows/, 'empty'],
    [
      'no-columns.csv',
      'name,price\n杯子,10\n',
      /question column and an answer column/,
      'columns_missing',
    ],
    ['binary.txt', 'ab\u0000cd', /TXT file could not be read/, 'corrupt'],
  ])(
    'refuses %s with 422 naming the file, the reason and its code, storing nothing',
    async (fileName, bytes, reason, reasonCode) => {
      const base = await createBase(t)

      const response = await uploadFile(t, base.id, fileName, bytes)

      const error = await expectError(response, 422, 'document_invalid')
      expect(error.message).toContain(fileName)
      expect(error.message).toMatch(reason)
      expect(error.details).toMatchObject({ fileName, reasonCode })
      const list = await t.request('GET', `/api/knowledge-bases/${base.id}/documents`)
      expect(await list.json()).toEqual({ documents: [] })
    },
  )

  it('keeps the previous version when a corrupt file replaces a document', async () => {
    const base = await createBase(t)
    await uploadAndWait(t, base.id, 'manual.pdf', minimalPdf(['Warranty lasts one year.']))

    const response = await uploadFile(t, base.id, 'manual.pdf', '%PDF-1.4 truncated')

    await expectError(response, 422, 'document_invalid')
    expect((await search(t, base.id, { query: 'warranty' }))[0]?.text).toContain(
      'Warranty lasts one year.',
    )
  })

  it('refuses a multipart body without a file field', async () => {
    const base = await createBase(t)
    const form = new FormData()
    form.append('tags', '售后')

    const response = await t.app.request(`/api/knowledge-bases/${base.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await import('../support/test-app.ts')).testToken}` },
      body: form,
    })

    const error = await expectError(response, 422, 'invalid_request')
    expect(problemPaths(error)).toEqual([['file']])
  })

  it('refuses a PDF sent as JSON text', async () => {
    const base = await createBase(t)

    const response = await t.request('POST', `/api/knowledge-bases/${base.id}/documents`, {
      name: 'manual.pdf',
      text: 'x',
    })

    const error = await expectError(response, 422, 'document_invalid')
    expect(error.details).toMatchObject({ reasonCode: 'send_as_file' })
  })

  it('lists the supported extensions of a refused file type', async () => {
    const base = await createBase(t)

    const error = await expectError(
      await uploadFile(t, base.id, 'virus.exe', 'MZ'),
      422,
      'document_invalid',
    )

    expect(error.details).toMatchObject({ supported: expect.arrayContaining(['.pdf', '.docx']) })
  })
})
