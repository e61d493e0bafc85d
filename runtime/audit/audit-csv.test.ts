import { describe, expect, it } from 'vitest'
import { csvCell } from './audit-csv.ts'

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('defuses a cell a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
  })

  it('leaves ordinary text alone', () => {
    expect(csvCell('secret:crmToken')).toBe('secret:crmToken')
  })
})
