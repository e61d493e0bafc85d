import { parse } from 'csv-parse/sync'
import type readXlsxFileType from 'read-excel-file/node'
import type { FaqPair } from './document-content.ts'

// Header names operators use for the two columns, compared after trimming and lower-casing.
const questionHeaders = new Set(['question', 'questions', 'q', '问题', '问', '标准问题', '提问'])
const answerHeaders = new Set(['answer', 'answers', 'a', '答案', '答', '回答', '标准答案'])

/** A sheet is unusable; `reason` is shown to the operator with the file name. */
export class SheetError extends Error {
  constructor(
    message: string,
    readonly reasonCode: 'corrupt' | 'empty' | 'columns_missing',
  ) {
    super(message)
  }
}

/**
 * Reads FAQ pairs from rows whose first row names a question and an answer column (English or
 * Chinese headers, any order, other columns ignored). Rows with an empty question or answer are
 * skipped.
 */
export function faqPairsFromRows(rows: readonly (readonly unknown[])[]): FaqPair[] {
  const [header, ...body] = rows
  const names = (header ?? []).map((cell) => cellText(cell).toLowerCase())
  const questionColumn = names.findIndex((name) => questionHeaders.has(name))
  const answerColumn = names.findIndex((name) => answerHeaders.has(name))
  if (questionColumn < 0 || answerColumn < 0) {
    throw new SheetError(
      'the first row must name a question column and an answer column (e.g. "question" and "answer", or "问题" and "答案")',
      'columns_missing',
    )
  }
  return body
    .map((row) => ({
      question: cellText(row[questionColumn]),
      answer: cellText(row[answerColumn]),
    }))
    .filter((pair) => pair.question !== '' && pair.answer !== '')
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  return String(cell).trim()
}

export function parseFaqCsv(text: string): FaqPair[] {
  let rows: unknown
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true })
  } catch (error) {
    throw new SheetError(
      `the CSV could not be read: ${error instanceof Error ? error.message : error}`,
      'corrupt',
    )
  }
  if (!Array.isArray(rows)) throw new SheetError('the CSV has no rows', 'empty')
  return faqPairsFromRows(rows.filter((row): row is unknown[] => Array.isArray(row)))
}

export async function parseFaqXlsx(bytes: Uint8Array): Promise<FaqPair[]> {
  // Loaded on the first spreadsheet upload, not at start.
  const { default: readXlsxFile } = await import('read-excel-file/node')
  let sheets: Awaited<ReturnType<typeof readXlsxFileType>>
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  } catch (error) {
    throw new SheetError(
      `the spreadsheet could not be read: ${error instanceof Error ? error.message : error}`,
      'corrupt',
    )
  }
  const first = sheets[0]
  if (!first) throw new SheetError('the workbook has no sheet', 'empty')
  return faqPairsFromRows(first.data)
}
