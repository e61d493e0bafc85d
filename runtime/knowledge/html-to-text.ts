const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  copy: '©',
  reg: '®',
  yen: '¥',
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const isHex = name[1] === 'x' || name[1] === 'X'
      const code = Number.parseInt(name.slice(isHex ? 2 : 1), isHex ? 16 : 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : entity
    }
    return namedEntities[name.toLowerCase()] ?? entity
  })
}

const blockTags =
  /<\/?(p|div|section|article|header|footer|main|aside|nav|ul|ol|table|thead|tbody|tr|blockquote|pre|figure|figcaption|dl|dt|dd|form|hr)\b[^>]*>/gi

/**
 * Turns HTML into text whose headings are Markdown lines (`## 退货`) and whose blocks are
 * separated by blank lines, so the chunker sees the page's structure. Scripts, styles and
 * comments go; tags are stripped; entities are decoded.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(
        /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi,
        (_match, level: string, inner: string) => {
          const heading = inner
            .replace(/<[^>]*>/g, '')
            .replace(/\s+/g, ' ')
            .trim()
          return heading === '' ? '\n\n' : `\n\n${'#'.repeat(Number(level))} ${heading}\n\n`
        },
      )
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(td|th)>/gi, ' \t')
      .replace(blockTags, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
