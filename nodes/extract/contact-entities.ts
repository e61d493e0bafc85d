import type { EntityMatch } from './entity-match.ts'

const mobile = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g
// Area codes: 010 and 02x have three digits, the others four (0571). Local numbers do not start
// with 0 or 1. An extension may follow (转 / - / ext).
const landline =
  /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?\(?(0(?:10|2\d|[3-9]\d{2}))\)?[\s-]?([2-9]\d{6,7})(?:\s*(?:转|-|ext\.?|x)\s*(\d{1,5}))?(?!\d)/gi
const serviceNumber = /(?<!\d)([48]00)[\s-]?(\d{3})[\s-]?(\d{4})(?!\d)/g
// Bounded parts keep the scan linear on a long message without an address in it.
const email =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])/g
const idNumber = /(?<![\dA-Za-z])(\d{17}[\dXx])(?![\dA-Za-z])/g
// Cards are written whole or in groups of four: 6222 0212 3456 7890 128.
const cardNumber = /(?<![\d-])[1-9]\d{3}(?:[\s-]?\d{4}){3}(?:[\s-]?\d{1,3})?(?![\d-])/g

function matchOf(match: RegExpExecArray, value: string): EntityMatch {
  return { value, text: match[0], start: match.index, end: match.index + match[0].length }
}

/** Mainland mobile numbers (1[3-9] and nine digits) as their 11 digits. */
export function findMobiles(text: string): EntityMatch[] {
  return [...text.matchAll(mobile)].map((m) => matchOf(m, `${m[1]}${m[2]}${m[3]}`))
}

/** Landlines with an area code as `0571-88886666` (`-123` extension kept), and 400/800 lines. */
export function findLandlines(text: string): EntityMatch[] {
  const withArea = [...text.matchAll(landline)].map((m) =>
    matchOf(m, `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`),
  )
  const service = [...text.matchAll(serviceNumber)].map((m) =>
    matchOf(m, `${m[1]}-${m[2]}-${m[3]}`),
  )
  return [...withArea, ...service].sort((a, b) => a.start - b.start)
}

export function findEmails(text: string): EntityMatch[] {
  if (!text.includes('@')) return []
  return [...text.matchAll(email)].map((m) => matchOf(m, m[0].toLowerCase()))
}

/** Resident ID numbers (GB 11643) whose birth date is real and whose check character fits. */
export function findIdNumbers(text: string): EntityMatch[] {
  return [...text.matchAll(idNumber)]
    .filter((m) => isValidIdNumber(m[1] ?? ''))
    .map((m) => matchOf(m, (m[1] ?? '').toUpperCase()))
}

/** Bank card numbers of 16–19 digits that pass the Luhn check, as digits only. */
export function findCardNumbers(text: string): EntityMatch[] {
  return (
    [...text.matchAll(cardNumber)]
      .map((m) => ({ m, digits: m[0].replace(/\D/g, '') }))
      .filter(({ digits }) => digits.length >= 16 && digits.length <= 19 && passesLuhn(digits))
      // An 18-digit number that is a valid ID is an ID: its check is stricter than Luhn.
      .filter(({ digits }) => !(digits.length === 18 && isValidIdNumber(digits)))
      .map(({ m, digits }) => matchOf(m, digits))
  )
}

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const idCheckCharacters = '10X98765432'

export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const isRealDate = year >= 1900 && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day
  if (!isRealDate) return false
  const sum = idWeights.reduce((total, weight, i) => total + weight * Number(id[i]), 0)
  return idCheckCharacters[sum % 11] === id[17]?.toUpperCase()
}

export function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}
