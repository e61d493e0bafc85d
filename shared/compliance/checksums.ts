const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const idCheckCodes = '10X98765432'

/**
 * Whether 18 characters are a mainland resident ID number (GB 11643): a region code, a real
 * birth date and the ISO 7064 MOD 11-2 check character. A random 18-digit number passes the
 * check in about 1 of 11 cases, and the date test removes most of those.
 */
export function isResidentIdNumber(compact: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/i.test(compact)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(compact[i]) * (idWeights[i] ?? 0)
  if (idCheckCodes[sum % 11] !== compact[17]?.toUpperCase()) return false
  return isBirthDate(compact.slice(6, 14))
}

/**
 * Whether 18 characters have the layout of a resident ID number (region code and birth date),
 * whatever their check character: such a number is judged as an ID, never as a card.
 */
export function hasResidentIdLayout(compact: string): boolean {
  return /^[1-9]\d{16}[\dX]$/i.test(compact) && isBirthDate(compact.slice(6, 14))
}

function isBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The Luhn check every payment card number carries in its last digit. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  let isDoubled = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = Number(digits[i])
    if (isDoubled) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
    isDoubled = !isDoubled
  }
  return sum % 10 === 0
}
