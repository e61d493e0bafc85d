import { describe, expect, it } from 'vitest'
import { type Locale, translate } from '../i18n.ts'
import { eventNoteText, resolutionCodeLabel, sentimentLabel } from './desk-labels.ts'

const tIn =
  (locale: Locale) =>
  (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate(locale, key, values)
const zh = tIn('zh-CN')

describe('agent desk labels', () => {
  it('names the default resolution codes in the operator’s language', () => {
    expect(resolutionCodeLabel(zh, 'refunded')).toBe('已退款')
    expect(resolutionCodeLabel(tIn('en'), 'refunded')).toBe('Refunded')
  })

  it('shows a resolution code an admin configured as it is', () => {
    expect(resolutionCodeLabel(zh, '补发赠品')).toBe('补发赠品')
  })

  it('names sentiment labels and keeps unknown ones', () => {
    expect(sentimentLabel(zh, 'neutral')).toBe('中性')
    expect(sentimentLabel(zh, 'sarcastic')).toBe('sarcastic')
  })

  it('translates the desk’s event notes, including the ones with a value', () => {
    expect(eventNoteText(zh, 'claimed')).toBe('接入了会话')
    expect(eventNoteText(zh, 'closed: refunded')).toBe('结束了会话：已退款')
    expect(eventNoteText(zh, 'transferred to queue vip')).toBe('转到了队列 vip')
    expect(eventNoteText(zh, 'transferred to agent 小李')).toBe('转给了坐席 小李')
    expect(eventNoteText(zh, 'agent offline; back in the queue')).toBe('坐席离线，会话回到队列')
  })

  it('shows an event it does not know as the server wrote it', () => {
    expect(eventNoteText(zh, 'something new')).toBe('something new')
  })
})
