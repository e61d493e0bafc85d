import { numberPattern, parseChineseNumber } from '../text/index.ts'
import type { EntityMatch } from './entity-match.ts'
import { keepLongest } from './keep-longest.ts'

const currencyBySymbol: Readonly<Record<string, string>> = {
  '¥': 'CNY',
  '￥': 'CNY',
  rmb: 'CNY',
  cny: 'CNY',
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  hk$: 'HKD',
  hkd: 'HKD',
  '€': 'EUR',
  eur: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  jpy: 'JPY',
}
const currencyByUnit: Readonly<Record<string, string>> = {
  元: 'CNY',
  块: 'CNY',
  圆: 'CNY',
  块钱: 'CNY',
  元钱: 'CNY',
  人民币: 'CNY',
  rmb: 'CNY',
  cny: 'CNY',
  yuan: 'CNY',
  美元: 'USD',
  美金: 'USD',
  刀: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  usd: 'USD',
  港币: 'HKD',
  港元: 'HKD',
  hkd: 'HKD',
  欧元: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  英镑: 'GBP',
  gbp: 'GBP',
  日元: 'JPY',
  yen: 'JPY',
  jpy: 'JPY',
}
const symbols = 'US\\$|HK\\$|\\$|¥|￥|€|£|RMB|CNY|USD|HKD|EUR|GBP|JPY'
const units = Object.keys(currencyByUnit)
  .sort((a, b) => b.length - a.length)
  .join('|')
/** Measure words for counted things; 块 is left out because it means yuan in speech. */
const measureWords =
  '个|件|台|只|张|份|箱|瓶|盒|包|双|条|本|支|套|把|斤|公斤|千克|袋|杯|位|次|部|辆|间|对|副|罐|桶|片|粒'
const englishUnits =
  'items?|pieces?|pcs|units?|boxes|box|bottles?|pairs?|packs?|bags?|sets?|copies|copy|tickets?|people|persons?|adults?|kids?|children|cups?|rooms?'
const englishCounts: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  'a dozen': 12,
  'a couple of': 2,
}
const englishCount = Object.keys(englishCounts)
  .sort((a, b) => b.length - a.length)
  .join('|')

const jiaoDigit = '[一二两三四五六七八九\\d]'
const bySymbol = new RegExp(`(${symbols})\\s?(${numberPattern})(?:\\s?(?:元|块))?`, 'gi')
// 三块五 / 二十块五 / 3元5角 / 五毛: a single digit after 块 or 元 is tenths (角), as spoken.
const byUnit = new RegExp(
  `(${numberPattern})\\s?(${units})(?![a-z])(?:\\s?(${jiaoDigit})\\s?(?:角|毛)?(?![\\d${measureWords.replace(/\|/g, '')}]))?`,
  'gi',
)
const jiaoOnly = new RegExp(
  `(?<![\\d一二两三四五六七八九十])(${jiaoDigit})\\s?(?:角|毛)(?:钱)?`,
  'g',
)
const bareMagnitude = new RegExp(
  `(?<![\\d.])(\\d+(?:\\.\\d+)?\\s?[万千]|[一二两三四五六七八九十]+[万千])(?![\\d${measureWords.replace(/\|/g, '')}元块])`,
  'g',
)
// 3个月 / 两个小时 are durations, not counts.
const zhQuantity = new RegExp(
  `(${numberPattern})\\s?(${measureWords})(?!月|小时|钟头|星期|礼拜|工作日)`,
  'g',
)
const enQuantity = new RegExp(`\\b(\\d+|${englishCount})\\s+(${englishUnits})\\b`, 'gi')
const timesQuantity = /(?<![\w.])(?:[x×]\s?(\d{1,4})|(\d{1,4})\s?[x×])(?![\w.])/gi

function money(match: RegExpExecArray, amount: number, currency: string): EntityMatch {
  return {
    value: amount,
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
    detail: { amount, currency },
  }
}

/**
 * Money with its currency: `¥99`, `$20`, `三百五十元`, `二十块五` (20.5), `1.5万` (15000, yuan
 * when no currency is said), `20 dollars`. The value is the amount; the currency is in `detail`.
 */
export function findMoney(text: string): EntityMatch[] {
  const found: EntityMatch[] = []
  for (const m of text.matchAll(bySymbol)) {
    const amount = parseChineseNumber(m[2] ?? '')
    const currency = currencyBySymbol[(m[1] ?? '').toLowerCase()]
    if (amount !== undefined && currency) found.push(money(m, amount, currency))
  }
  for (const m of text.matchAll(byUnit)) {
    const whole = parseChineseNumber(m[1] ?? '')
    const currency = currencyByUnit[(m[2] ?? '').toLowerCase()]
    const tenths = m[3] ? (parseChineseNumber(m[3]) ?? 0) : 0
    if (whole !== undefined && currency) {
      found.push(money(m, Math.round((whole + tenths / 10) * 100) / 100, currency))
    }
  }
  for (const m of text.matchAll(jiaoOnly)) {
    const tenths = parseChineseNumber(m[1] ?? '')
    if (tenths !== undefined) found.push(money(m, tenths / 10, 'CNY'))
  }
  const strong = keepLongest(found)
  const weak = [...text.matchAll(bareMagnitude)]
    .map((m) => ({ m, amount: parseChineseNumber((m[1] ?? '').replace(/\s/g, '')) }))
    .filter(({ amount }) => amount !== undefined)
    .map(({ m, amount }) => money(m, amount ?? 0, 'CNY'))
  // A bare 1.5万 counts only when no amount with a currency was said.
  return strong.length > 0 ? strong : weak
}

/** Counted things: `3件`, `两个`, `3 items`, `a dozen bottles`, `x2`. The unit is in `detail`. */
export function findQuantities(text: string): EntityMatch[] {
  const found: EntityMatch[] = []
  const push = (m: RegExpExecArray, count: number | undefined, unit: string) => {
    if (count === undefined || !Number.isFinite(count)) return
    const end = m.index + m[0].length
    found.push({ value: count, text: m[0], start: m.index, end, detail: { count, unit } })
  }
  for (const m of text.matchAll(zhQuantity)) push(m, parseChineseNumber(m[1] ?? ''), m[2] ?? '')
  for (const m of text.matchAll(enQuantity)) {
    const word = (m[1] ?? '').toLowerCase()
    push(m, /^\d+$/.test(word) ? Number(word) : englishCounts[word], (m[2] ?? '').toLowerCase())
  }
  for (const m of text.matchAll(timesQuantity)) push(m, Number(m[1] ?? m[2]), '')
  return keepLongest(found)
}
