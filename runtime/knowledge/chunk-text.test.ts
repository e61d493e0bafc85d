import { describe, expect, it } from 'vitest'
import { chunkText, splitSentences } from './chunk-text.ts'

const markdown = `# 退货政策

七天无理由退货。商品需保持完好！

## 运费

质量问题由我们承担运费。

# Shipping

We ship within two days.`

describe('chunkText', () => {
  it('gives each chunk the heading path of its section', () => {
    const chunks = chunkText(markdown, { chunkSize: 500, chunkOverlap: 0, isMarkdown: true })

    expect(chunks.map((chunk) => chunk.title)).toEqual(['退货政策', '退货政策 > 运费', 'Shipping'])
  })

  it('never mixes two sections in one chunk', () => {
    const chunks = chunkText(markdown, { chunkSize: 500, chunkOverlap: 0, isMarkdown: true })

    expect(chunks[0]?.text).toBe('七天无理由退货。商品需保持完好！')
  })

  it('keeps neighbouring paragraphs of a section together while they fit', () => {
    const text = '第一段。\n\n第二段。\n\n第三段。'

    const chunks = chunkText(text, { chunkSize: 500, chunkOverlap: 0, isMarkdown: false })

    expect(chunks).toEqual([{ title: '', text: '第一段。\n\n第二段。\n\n第三段。' }])
  })

  it('splits a long paragraph at Chinese sentence ends 。！？；', () => {
    const text = '退货需在七天内申请。换货需在十五天内申请！保修期为一年？发票随货寄出；'

    const chunks = chunkText(text, { chunkSize: 12, chunkOverlap: 0, isMarkdown: false })

    expect(chunks.map((chunk) => chunk.text)).toEqual([
      '退货需在七天内申请。',
      '换货需在十五天内申请！',
      '保修期为一年？',
      '发票随货寄出；',
    ])
  })

  it('keeps every chunk within chunkSize, cutting only an over-long sentence', () => {
    const text = `${'很长的句子'.repeat(30)}。短句。`

    const chunks = chunkText(text, { chunkSize: 40, chunkOverlap: 0, isMarkdown: false })

    expect(chunks.every((chunk) => chunk.text.length <= 40)).toBe(true)
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(text)
  })

  it('repeats the last whole sentences that fit the overlap at the start of the next chunk', () => {
    const text = '第一句话。第二句话。第三句话。第四句话。'

    const chunks = chunkText(text, { chunkSize: 12, chunkOverlap: 6, isMarkdown: false })

    expect(chunks.map((chunk) => chunk.text)).toEqual([
      '第一句话。第二句话。',
      '第二句话。第三句话。',
      '第三句话。第四句话。',
    ])
  })

  it('treats # lines as text when the format has no headings', () => {
    const chunks = chunkText('# 1 号仓库\n发货很快。', {
      chunkSize: 500,
      chunkOverlap: 0,
      isMarkdown: false,
    })

    expect(chunks).toEqual([{ title: '', text: '# 1 号仓库\n发货很快。' }])
  })

  it('returns no chunk for blank text', () => {
    expect(chunkText(' \n\n ', { chunkSize: 500, chunkOverlap: 50, isMarkdown: true })).toEqual([])
  })
})

describe('splitSentences', () => {
  it('splits English after . ! ? ; followed by a space', () => {
    expect(splitSentences('We ship fast. Returns are free! Questions? Ask us; we answer.')).toEqual(
      ['We ship fast.', 'Returns are free!', 'Questions?', 'Ask us;', 'we answer.'],
    )
  })

  it('does not split a decimal number', () => {
    expect(splitSentences('运费 3.5 元。')).toEqual(['运费 3.5 元。'])
  })
})
