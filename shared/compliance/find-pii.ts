import { hasResidentIdLayout, isResidentIdNumber, passesLuhn } from './checksums.ts'
import { isAmount, isLabelledIdentifier } from './number-context.ts'
import type { PiiType } from './policy-schema.ts'

export interface PiiMatch {
  type: PiiType
  start: number
  end: number
}

// Number patterns stop at letters and digits on both sides, so a number inside a longer code
// ("SF1381234567801", "JD0012…") or a decimal ("3.14159…") is not read as a phone or card.
const notAfterCode = '(?<![0-9A-Za-z])(?<!\\d[.,])'
const notBeforeCode = '(?![0-9A-Za-z]|[.,]\\d)'

const idPattern = new RegExp(`${notAfterCode}\\d{6} ?\\d{8} ?\\d{3}[0-9Xx]${notBeforeCode}`, 'g')
const cardPattern = new RegExp(`${notAfterCode}\\d(?:[ -]?\\d){14,18}${notBeforeCode}`, 'g')
const mobilePattern = new RegExp(
  `${notAfterCode}(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${notBeforeCode}`,
  'g',
)
const emailPattern =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g

// Chinese addresses: optional province/city/district names, then a road, lane or estate with a
// house number ("北京市朝阳区建国路88号3栋501室"). Names exclude the little words that start or
// join a sentence, so "地址在北京市…" masks from "北京市".
const cjkName = '(?:(?![在是的到于址往为请送寄和与及我您你他她们这那即至从：:])[\\u4e00-\\u9fff])'
const adminUnit = `${cjkName}{2,6}?(?:省|自治区|特别行政区|市|区|县|旗|镇|乡|街道)`
const unitSuffix = '(?:号楼|号院|栋|幢|座|单元|层|楼|室|号|户)'
const zhAddressPattern = new RegExp(
  `(?:${adminUnit}){0,4}(?:(?:${cjkName}|[A-Za-z0-9]){1,10}?(?:(?:大道|大街|路|街|巷|弄|胡同)(?:[东西南北中一二三四五六七八九十]{1,2}段)?|村(?:\\d+组)?)\\d+(?:-\\d+)?号|${cjkName}{2,10}?(?:小区|花园|公寓|大厦|家园|新村|苑)(?=\\d))(?:(?:${cjkName}|[A-Za-z]){0,6}?\\d+(?:-\\d+)?${unitSuffix})*`,
  'g',
)
const streetSuffix =
  'Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Highway|Hwy|Parkway|Pkwy|Square|Sq|Circle|Plaza'
const enAddressPattern = new RegExp(
  `\\b\\d{1,5}\\s+(?:[A-Z][A-Za-z]*\\s+){1,4}(?:${streetSuffix})\\b\\.?(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*[A-Za-z0-9-]+)?(?:,\\s*[A-Z][A-Za-z]+(?:\\s[A-Z][A-Za-z]+)*)?(?:,\\s*[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?)?`,
  'g',
)

function compactDigits(text: string): string {
  return text.replace(/[ -]/g, '')
}

// Card digits are printed in groups of four (the last group shorter) or in the 4-6-5 / 4-6-4
// layout of 15- and 14-digit cards; any other spacing is several numbers side by side.
function hasCardGrouping(raw: string): boolean {
  const groups = raw.split(/[ -]/)
  if (groups.length === 1) return true
  const lengths = groups.map((g) => g.length)
  const last = lengths[lengths.length - 1] ?? 0
  if (lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4) return true
  return lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (last === 5 || last === 4)
}

// Issuer prefixes of payment cards: American Express, JCB, Diners (3), Visa (4), Mastercard
// (51–55, 2221–2720), UnionPay and Discover (6), and domestic debit cards (9). Order numbers
// usually start with a year ("2024…") or a 1, so they are not read as cards unless labelled.
function hasCardPrefix(digits: string): boolean {
  if (/^[3-6]|^9/.test(digits)) return true
  const four = Number(digits.slice(0, 4))
  return four >= 2221 && four <= 2720
}

const cardLabel =
  /(?:卡号|银行卡|信用卡|借记卡|储蓄卡|card|account)\s*(?:号码|号|number|no\.?)?\s*(?:是|为|:|：)?\s*$/i

function findNumbers(text: string, wanted: ReadonlySet<PiiType>): PiiMatch[] {
  const found: PiiMatch[] = []
  const isPlain = (start: number, end: number) =>
    !isLabelledIdentifier(text, start) && !isAmount(text, start, end)
  if (wanted.has('idCard')) {
    for (const m of text.matchAll(idPattern)) {
      const end = m.index + m[0].length
      if (isResidentIdNumber(compactDigits(m[0])) && isPlain(m.index, end)) {
        found.push({ type: 'idCard', start: m.index, end })
      }
    }
  }
  if (wanted.has('bankCard')) {
    for (const m of text.matchAll(cardPattern)) {
      const end = m.index + m[0].length
      const digits = compactDigits(m[0])
      const isLabelledCard = cardLabel.test(text.slice(Math.max(0, m.index - 12), m.index))
      if (
        hasCardGrouping(m[0]) &&
        passesLuhn(digits) &&
        !hasResidentIdLayout(digits) &&
        (isLabelledCard || hasCardPrefix(digits)) &&
        isPlain(m.index, end)
      ) {
        found.push({ type: 'bankCard', start: m.index, end })
      }
    }
  }
  if (wanted.has('mobile')) {
    for (const m of text.matchAll(mobilePattern)) {
      const end = m.index + m[0].length
      if (isPlain(m.index, end)) found.push({ type: 'mobile', start: m.index, end })
    }
  }
  return found
}

/**
 * Finds personal data of the wanted types, in text order, without overlaps (the longer match
 * wins). Numbers labelled as order or tracking numbers, amounts, hotlines (95588, 400…), IDs
 * with a wrong check character and card-length numbers failing Luhn are left alone.
 */
export function findPii(original: string, wanted: ReadonlySet<PiiType>): PiiMatch[] {
  const text = halfWidth(original)
  const found = findNumbers(text, wanted)
  if (wanted.has('email')) {
    for (const m of text.matchAll(emailPattern)) {
      found.push({ type: 'email', start: m.index, end: m.index + m[0].length })
    }
  }
  if (wanted.has('address')) {
    for (const pattern of [zhAddressPattern, enAddressPattern]) {
      for (const m of text.matchAll(pattern)) {
        if (m[0].length > 0)
          found.push({ type: 'address', start: m.index, end: m.index + m[0].length })
      }
    }
  }
  return withoutOverlaps(found)
}

// Full-width digits and letters ("１３８１２３４５６７８") are read as their ASCII forms; each is one
// UTF-16 unit either way, so positions stay those of the original text.
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

function withoutOverlaps(matches: PiiMatch[]): PiiMatch[] {
  const byLength = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start))
  const kept: PiiMatch[] = []
  for (const match of byLength) {
    if (kept.every((k) => match.end <= k.start || match.start >= k.end)) kept.push(match)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/** The masked form of one piece of personal data; enough is kept for a customer to recognise it. */
export function maskPii(type: PiiType, value: string, isChinese: boolean): string {
  switch (type) {
    case 'mobile':
      return maskDigits(value, 3, 4, true)
    case 'idCard':
      return maskDigits(value, 1, 1)
    case 'bankCard':
      return maskDigits(value, 0, 4)
    case 'email': {
      const at = value.indexOf('@')
      return `${value.slice(0, 1)}***${value.slice(at)}`
    }
    case 'address':
      return isChinese ? '[地址已隐藏]' : '[address hidden]'
    default: {
      const unknownType: never = type
      throw new Error(`unknown PII type ${String(unknownType)}`)
    }
  }
}

// Keeps separators and the country code, so "+86 138 1234 5678" stays readable as a phone.
function maskDigits(
  value: string,
  keepFirst: number,
  keepLast: number,
  hasCountryCode = false,
): string {
  const body = hasCountryCode ? value.replace(/^(?:[+＋]|00)?(?:86|８６)[ -]?/, '') : value
  const prefix = value.slice(0, value.length - body.length)
  const digitCount = body.replace(/[^0-9Xx０-９Ｘｘ]/g, '').length
  let seen = 0
  let masked = ''
  for (const char of body) {
    if (/[0-9Xx０-９Ｘｘ]/.test(char)) {
      masked += seen < keepFirst || seen >= digitCount - keepLast ? char : '*'
      seen++
    } else masked += char
  }
  return prefix + masked
}

/** Replaces every piece of personal data of the wanted types by its masked form. */
export function maskAllPii(
  text: string,
  wanted: ReadonlySet<PiiType> = allPiiTypes,
): { text: string; matches: PiiMatch[] } {
  const matches = findPii(text, wanted)
  if (matches.length === 0) return { text, matches }
  const isChinese = /[\u4e00-\u9fff]/.test(text)
  let result = ''
  let at = 0
  for (const match of matches) {
    result +=
      text.slice(at, match.start) +
      maskPii(match.type, text.slice(match.start, match.end), isChinese)
    at = match.end
  }
  return { text: result + text.slice(at), matches }
}

export const allPiiTypes: ReadonlySet<PiiType> = new Set([
  'mobile',
  'idCard',
  'bankCard',
  'email',
  'address',
])
