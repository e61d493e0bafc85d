import { describe, expect, it } from 'vitest'
import type { TranscriptMessage } from '../../shared/index.ts'
import {
  followUpDetail,
  followUpReadings,
  hasFollowUpMarker,
  isShortMessage,
  previousCustomerMessage,
} from './follow-up.ts'

function message(role: TranscriptMessage['role'], text: string): TranscriptMessage {
  return { id: `${role}-${text}`, role, text, createdAt: '2026-01-01T02:00:00Z' }
}

describe('follow-ups', () => {
  it.each([
    ['那退货呢？', true],
    ['还有发票', true],
    ['and for returns?', true],
    ['What about exchanges?', true],
    ['我要退货', false],
    ['android phone', false],
  ])('recognizes "%s" as a marked follow-up: %s', (text, expected) => {
    expect(hasFollowUpMarker(text)).toBe(expected)
  })

  it('keeps the detail a follow-up adds', () => {
    expect(followUpDetail('那退货呢？')).toBe('退货')
    expect(followUpDetail('and for returns?')).toBe('returns')
  })

  it('counts a message of at most five words as short', () => {
    expect(isShortMessage('那退货呢？')).toBe(true)
    expect(isShortMessage('i would like to know how long a refund takes')).toBe(false)
    expect(isShortMessage('😀')).toBe(false)
  })

  it('reads a follow-up as the previous question with one word replaced', () => {
    const readings = followUpReadings('换货的运费谁出？', '那退货呢？')

    expect(readings).toContain('换货的运费谁出？ 退货')
    expect(readings.some((reading) => reading.startsWith('退货') || reading.startsWith('退'))).toBe(
      true,
    )
  })

  it('finds the customer message before this one, skipping bot messages', () => {
    const history = [
      message('customer', '换货的运费谁出？'),
      message('bot', '我们承担'),
      message('customer', '那退货呢？'),
    ]

    expect(previousCustomerMessage(history, '那退货呢？')).toBe('换货的运费谁出？')
  })

  it('finds no previous message at the start of a conversation', () => {
    expect(
      previousCustomerMessage([message('customer', '那退货呢？')], '那退货呢？'),
    ).toBeUndefined()
  })

  it('ignores customer messages more than six entries back', () => {
    const history = [
      message('customer', '换货的运费谁出？'),
      ...Array.from({ length: 6 }, (_, i) => message('bot', `reply ${i}`)),
      message('customer', '那退货呢？'),
    ]

    expect(previousCustomerMessage(history, '那退货呢？')).toBeUndefined()
  })
})
