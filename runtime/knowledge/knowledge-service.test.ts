import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { createKnowledge, type Knowledge } from './index.ts'
import { uploadDocument } from './upload-document.ts'

function faqSheet(rows: [question: string, answer: string][]): Uint8Array {
  const cell = (text: string) => `"${text.replaceAll('"', '""')}"`
  const lines = rows.map(([question, answer]) => `${cell(question)},${cell(answer)}`)
  return new TextEncoder().encode(`question,answer\n${lines.join('\n')}\n`)
}

describe('knowledge search ranking (bm25)', () => {
  let db: ReturnType<typeof openTestDatabase>
  let knowledge: Knowledge
  let knowledgeBaseId: string

  beforeEach(async () => {
    db = openTestDatabase()
    knowledge = createKnowledge({ database: db.database })
    const base = await knowledge.store.createBase({
      name: 'faq',
      description: '',
      chunkSize: 500,
      chunkOverlap: 0,
    })
    knowledgeBaseId = base.id
  })
  afterEach(() => db.remove())

  async function index(rows: [string, string][]) {
    await uploadDocument(knowledge, {
      knowledgeBaseId,
      fileName: 'faq.csv',
      bytes: faqSheet(rows),
    })
    await knowledge.ingestion.idle()
  }

  async function titles(query: string) {
    const hits = await knowledge.service.search({
      query,
      knowledgeBaseIds: [knowledgeBaseId],
      topK: 5,
      mode: 'bm25',
    })
    return hits.map((hit) => hit.title)
  }

  it('breaks a BM25 tie towards the question spelled like the query (reinfections / reinfected)', async () => {
    await index([
      ['Can patients be reinfected?', 'Immunity after an illness usually lasts for months.'],
      ['What should patients do at home?', 'Rest until you recover.'],
    ])

    expect((await titles('Are reinfections of patients possible?'))[0]).toBe(
      'Can patients be reinfected?',
    )
  })

  it('ranks the Chinese question sharing most of the query first', async () => {
    await index([
      ['新冠病毒怎么传播？', '主要通过呼吸道飞沫和密切接触传播。'],
      ['病毒是什么？', '病毒是一类微生物，新冠也是一种，传播方式多样。'],
    ])

    expect((await titles('新冠病毒的传播途径'))[0]).toBe('新冠病毒怎么传播？')
  })

  it('keeps every hit on the BM25 scale: positive, best first', async () => {
    await index([
      ['How do I return an item?', 'Send it back within 30 days.'],
      ['How long is the warranty?', 'Two years for every item.'],
    ])

    const hits = await knowledge.service.search({
      query: 'return an item',
      knowledgeBaseIds: [knowledgeBaseId],
      topK: 5,
      mode: 'bm25',
    })

    expect(hits.map((hit) => hit.title)).toEqual([
      'How do I return an item?',
      'How long is the warranty?',
    ])
    expect(hits.every((hit) => hit.score > 0)).toBe(true)
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 0)
  })

  it('finds an answer whose question shares only a synonym with the query (English WordNet)', async () => {
    await index([
      ['What is the source of the virus?', 'It was first found in bats.'],
      ['How long does shipping take?', 'Three to five working days.'],
    ])

    expect(await titles('Where is the origin of the virus?')).toContain(
      'What is the source of the virus?',
    )
    expect((await titles('Is there a hazardous item in my parcel?'))[0]).toBeUndefined()
    expect((await titles('What is the origin?'))[0]).toBe('What is the source of the virus?')
  })

  it('ranks a question with the customer’s own word above one with only its synonym', async () => {
    await index([
      ['Is travel risky now?', 'Check the advice for your destination.'],
      ['Is travel hazardous now?', 'Check the advice for your destination.'],
    ])

    expect((await titles('Is it risky to travel?'))[0]).toBe('Is travel risky now?')
  })

  it('searches without expansion when it is turned off', async () => {
    const plain = createKnowledge({ database: db.database, expandQuery: null })
    await index([['What is the source of the virus?', 'It was first found in bats.']])

    const hits = await plain.service.search({
      query: 'What is the origin?',
      knowledgeBaseIds: [knowledgeBaseId],
      topK: 5,
      mode: 'bm25',
    })

    expect(hits).toEqual([])
  })
})
