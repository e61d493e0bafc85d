const digitValues: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  俩: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
}
const smallUnits: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
}
const bigUnits: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 }

/**
 * A regular-expression fragment for a number as customers write it: Arabic (`1,200`, `1.5`,
 * full-width digits are normalized before), Chinese (`三百五十`, `两`, `一万二`), or mixed
 * (`1.5万`, `3千`).
 */
export const numberPattern =
  '(?:\\d+(?:,\\d{3})*(?:\\.\\d+)?[十百千万亿]?[万亿]?|[零〇一二两俩三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]+)'

/** Full-width digits, letters and common punctuation as ASCII, the way input methods type them. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
}

/**
 * Reads a number written in Arabic digits, Chinese numerals or both: `350`, `三百五十` → 350,
 * `1.5万` → 15000, `一万二` → 12000 (a trailing digit after a unit is the next unit down, as
 * spoken), `两` → 2. Returns undefined for anything else.
 */
export function parseChineseNumber(raw: string): number | undefined {
  const text = raw.replace(/,/g, '')
  if (text === '') return undefined
  const mixed = /^(\d+(?:\.\d+)?)([十百千万亿萬億]*)$/.exec(text)
  if (mixed) {
    let value = Number(mixed[1])
    for (const unit of mixed[2] ?? '') value *= smallUnits[unit] ?? bigUnits[unit] ?? 1
    return Number.isFinite(value) ? round(value) : undefined
  }
  if (!/^[零〇一二两俩三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]+$/.test(text))
    return undefined
  // All digits and no unit, e.g. a year or a code read out: 二〇二六 → 2026.
  if ([...text].every((ch) => ch in digitValues) && text.length > 1) {
    return Number([...text].map((ch) => digitValues[ch]).join(''))
  }
  return parseWithUnits(text)
}

function parseWithUnits(text: string): number | undefined {
  let total = 0
  let section = 0
  let digit: number | undefined
  let lastUnit = 1
  for (const ch of text) {
    const value = digitValues[ch]
    if (value !== undefined) {
      digit = value
      continue
    }
    const small = smallUnits[ch]
    if (small !== undefined) {
      // 十 alone means one ten: 十五 = 15.
      section += (digit ?? 1) * small
      digit = undefined
      lastUnit = small
      continue
    }
    const big = bigUnits[ch]
    if (big === undefined) return undefined
    section += digit ?? 0
    total += (section === 0 ? 1 : section) * big
    section = 0
    digit = undefined
    lastUnit = big
  }
  // A digit after a unit with no unit of its own is one step down: 一万二 = 12000, 三百五 = 350;
  // after 零 it is ones: 一百零五 = 105.
  if (digit !== undefined) {
    const hasZeroBefore = /[零〇]./u.test(text.slice(-2))
    section += hasZeroBefore || lastUnit === 1 || lastUnit === 10 ? digit : digit * (lastUnit / 10)
  }
  return total + section
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
