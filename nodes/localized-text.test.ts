import { describe, expect, it } from 'vitest'
import { testContext } from '../shared/index.ts'
import {
  localizedVariantsSchema,
  pickLocalizedText,
  renderLocalizedText,
} from './localized-text.ts'

describe('pickLocalizedText', () => {
  it('uses the text when the conversation locale has no variant', () => {
    expect(pickLocalizedText('您好', { en: 'Hello' }, 'zh-CN')).toBe('您好')
  })

  it('picks the variant for the conversation locale', () => {
    expect(pickLocalizedText('您好', { en: 'Hello' }, 'en')).toBe('Hello')
  })

  it('falls back to the language variant for a regional locale', () => {
    expect(pickLocalizedText('您好', { en: 'Hello' }, 'en-US')).toBe('Hello')
  })

  it('prefers the exact regional variant over the language variant', () => {
    const variants = { en: 'Hello', 'en-GB': 'Hello there' }

    expect(pickLocalizedText('您好', variants, 'en-GB')).toBe('Hello there')
  })

  it('compares locale tags case-insensitively', () => {
    expect(pickLocalizedText('您好', { 'zh-TW': '您好（繁）' }, 'zh-tw')).toBe('您好（繁）')
  })

  it('treats a blank variant as missing', () => {
    expect(pickLocalizedText('您好', { en: '  ' }, 'en')).toBe('您好')
  })
})

describe('renderLocalizedText', () => {
  it('renders the picked variant against the conversation variables', () => {
    const ctx = testContext({ locale: 'en', vars: { orderId: 'A1024' } })

    const text = renderLocalizedText(ctx, '订单 {{ vars.orderId }}', {
      en: 'Order {{ vars.orderId }}',
    })

    expect(text).toBe('Order A1024')
  })
})

describe('localizedVariantsSchema', () => {
  it('rejects a key that is not a locale tag', () => {
    expect(localizedVariantsSchema.safeParse({ English: 'Hello' }).success).toBe(false)
  })
})
