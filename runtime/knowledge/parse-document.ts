// The PDF and Word parsers are large: loaded on the first upload that needs them, not at start.
import { DocumentInvalidError } from '../../shared/index.ts'
import { type DocumentContent, type DocumentFormat, documentFormats } from './document-content.ts'
import { htmlToText } from './html-to-text.ts'
import { parseFaqCsv, parseFaqXlsx, SheetError } from './parse-faq-sheet.ts'

const formatByExtension: Record<string, DocumentFormat> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  docx: 'docx',
  csv: 'csv',
  xlsx: 'xlsx',
}

/** The format a file name says; throws DocumentInvalidError naming the supported ones. */
export function formatOf(fileName: string): DocumentFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''
  const format = formatByExtension[extension]
  if (format === undefined) {
    const supported = documentFormats.map((f) => `.${f}`)
    throw new DocumentInvalidError(
      fileName,
      `unsupported file type${extension ? ` .${extension}` : ''} (supported: ${supported.join(', ')})`,
      'unsupported_type',
      { supported },
    )
  }
  return format
}

/**
 * Decodes text files as UTF-8, or as GB18030 when they are not valid UTF-8: Chinese text files
 * saved by Windows tools are often GBK.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096)
  return sample.includes('\u0000')
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  // unpdf takes ownership of the buffer it is given: pass a copy.
  const { extractText, getDocumentProxy } = await import('unpdf')
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  try {
    const { text } = await extractText(pdf, { mergePages: false })
    return text.map((page) => page.trim()).join('\n\n')
  } finally {
    await pdf.destroy()
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  // Through HTML rather than raw text, so that Word headings stay headings for the chunker.
  const { default: mammoth } = await import('mammoth')
  const result = await mammoth.convertToHtml({
    buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  })
  return htmlToText(result.value)
}

async function contentOf(format: DocumentFormat, bytes: Uint8Array): Promise<DocumentContent> {
  switch (format) {
    case 'txt':
    case 'md': {
      const text = decodeText(bytes)
      if (looksBinary(text)) throw new Error('the file is not text')
      return { kind: 'text', text, isMarkdown: format === 'md' }
    }
    case 'html':
      return { kind: 'text', text: htmlToText(decodeText(bytes)), isMarkdown: true }
    case 'pdf':
      return { kind: 'text', text: await pdfText(bytes), isMarkdown: false }
    case 'docx':
      return { kind: 'text', text: await docxText(bytes), isMarkdown: true }
    case 'csv':
      return { kind: 'faq', pairs: parseFaqCsv(decodeText(bytes)) }
    case 'xlsx':
      return { kind: 'faq', pairs: await parseFaqXlsx(bytes) }
    default: {
      const unknownFormat: never = format
      throw new Error(`unknown format ${String(unknownFormat)}`)
    }
  }
}

function reasonOf(format: DocumentFormat, error: unknown): string {
  if (error instanceof SheetError) return error.message
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200)
  return `the ${format.toUpperCase()} file could not be read (${detail})`
}

/**
 * Reads an uploaded file into indexable content. Unsupported types, corrupt files and files
 * without any text throw DocumentInvalidError naming the file and the reason.
 */
export async function parseDocument(
  fileName: string,
  bytes: Uint8Array,
  format: DocumentFormat = formatOf(fileName),
): Promise<DocumentContent> {
  let content: DocumentContent
  try {
    content = await contentOf(format, bytes)
  } catch (error) {
    const reasonCode = error instanceof SheetError ? error.reasonCode : 'corrupt'
    throw new DocumentInvalidError(fileName, reasonOf(format, error), reasonCode)
  }
  const isEmpty = content.kind === 'text' ? content.text.trim() === '' : content.pairs.length === 0
  if (isEmpty) {
    throw content.kind === 'text'
      ? new DocumentInvalidError(
          fileName,
          'the document contains no text (a scanned PDF needs OCR first)',
          'no_text',
        )
      : new DocumentInvalidError(fileName, 'the sheet contains no question/answer rows', 'empty')
  }
  return content
}
