import { describe, expect, it } from 'vitest'
import { htmlToText } from './html-to-text.ts'

describe('htmlToText', () => {
  it('keeps headings as Markdown headings and paragraphs as blocks', () => {
    const html = '<h1>退货政策</h1><p>七天无理由退货。</p><h2>运费</h2><p>质量问题免运费。</p>'

    expect(htmlToText(html)).toBe('# 退货政策\n\n七天无理由退货。\n\n## 运费\n\n质量问题免运费。')
  })

  it('drops scripts, styles and comments', () => {
    const html = '<style>p{color:red}</style><script>alert(1)</script><!-- x --><p>正文</p>'

    expect(htmlToText(html)).toBe('正文')
  })

  it('decodes entities after stripping tags', () => {
    expect(htmlToText('<p>A &amp; B &lt;b&gt; &#36825;&#x4E2A;</p>')).toBe('A & B <b> 这个')
  })

  it('puts list items on their own lines', () => {
    expect(htmlToText('<ul><li>一</li><li>二</li></ul>')).toBe('- 一\n- 二')
  })
})
