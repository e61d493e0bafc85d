import { describe, expect, it } from 'vitest'
import {
  formatMoney,
  formatMs,
  formatPercent,
  formatUs,
  lastDays,
  meetsTarget,
} from './kpi-format.ts'

describe('kpi formatting', () => {
  it('shows rates as percents with one decimal and a dash when unknown', () => {
    expect(formatPercent(0.7512)).toBe('75.1%')
    expect(formatPercent(null)).toBe('–')
  })

  it('shows an unknown cost as a dash alone, a known one with its currency', () => {
    expect(formatMoney(null, 'CNY')).toBe('–')
    expect(formatMoney(0.0123, 'CNY')).toBe('0.0123 CNY')
  })

  it('shows durations in ms below a second and in seconds above', () => {
    expect(formatMs(340.4)).toBe('340 ms')
    expect(formatMs(2500)).toBe('2.5 s')
    expect(formatUs(420)).toBe('420 µs')
    expect(formatUs(4200)).toBe('4 ms')
  })

  it('counts the last days including today, in UTC', () => {
    expect(lastDays(7, new Date('2026-03-02T23:00:00Z'))).toEqual({
      from: '2026-02-24',
      to: '2026-03-02',
    })
  })

  it('compares a rate with its target, not knowing when there is no rate', () => {
    expect(meetsTarget(0.76, 0.75)).toBe(true)
    expect(meetsTarget(0.7, 0.75)).toBe(false)
    expect(meetsTarget(null, 0.75)).toBeNull()
  })
})
