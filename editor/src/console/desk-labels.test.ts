import { describe, expect, it } from 'vitest'
import { type Locale, translate } from '../i18n.ts'
import type { Note } from './console-api.ts'
import { eventNoteText, intentText, resolutionCodeLabel, sentimentLabel } from './desk-labels.ts'

const tIn =
  (locale: Locale) =>
  (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate(locale, key, values)
const zh = tIn('zh-CN')
const en = tIn('en')

const deskEvent = (code: string | null, params: Record<string, string> | null = null, text = '') =>
  ({ code, params, text }) satisfies Pick<Note, 'code' | 'params' | 'text'>

describe('agent desk labels', () => {
  it('names the default resolution codes in the operator’s language', () => {
    expect(resolutionCodeLabel(zh, 'refunded')).toBe('已退款')
    expect(resolutionCodeLabel(en, 'refunded')).toBe('Refunded')
  })

  it('shows a resolution code an admin configured as it is', () => {
    expect(resolutionCodeLabel(zh, '补发赠品')).toBe('补发赠品')
  })

  it('names sentiment labels and keeps unknown ones', () => {
    expect(sentimentLabel(zh, 'neutral')).toBe('中性')
    expect(sentimentLabel(zh, 'sarcastic')).toBe('sarcastic')
  })

  it('says desk events from their code and params, not from the English text', () => {
    // The English text is what older API readers show; the console never reads it for a code.
    const closed = deskEvent('closed', { resolutionCode: 'refunded' }, 'closed: refunded')

    expect(eventNoteText(zh, closed)).toBe('结束了会话：已退款')
    expect(eventNoteText(en, closed)).toBe('closed the conversation: Refunded')
    expect(eventNoteText(zh, deskEvent('claimed', null, 'anything'))).toBe('接入了会话')
    expect(eventNoteText(zh, deskEvent('transferred_to_queue', { queue: 'vip' }))).toBe(
      '转到了队列 vip',
    )
    expect(
      eventNoteText(en, deskEvent('transferred_to_agent', { agentId: 'u1', agentName: '小李' })),
    ).toBe('transferred to agent 小李')
    expect(eventNoteText(zh, deskEvent('requeued_agent_offline'))).toBe('坐席离线，会话回到队列')
    expect(eventNoteText(en, deskEvent('requeued_console_silent'))).toBe(
      'console disconnected; back in the queue',
    )
  })

  it('keeps a resolution code an admin configured inside the event', () => {
    expect(eventNoteText(zh, deskEvent('closed', { resolutionCode: '补发赠品' }))).toBe(
      '结束了会话：补发赠品',
    )
  })

  it('shows an event without a code, or with one it does not know, as the server wrote it', () => {
    expect(eventNoteText(zh, deskEvent(null, null, 'claimed'))).toBe('claimed')
    expect(eventNoteText(zh, deskEvent('escalated_to_legal', null, 'sent to legal'))).toBe(
      'sent to legal',
    )
    expect(eventNoteText(zh, deskEvent('toString', null, 'odd'))).toBe('odd')
  })

  it('names the summary’s intent by its label, else by its name', () => {
    expect(intentText({ intent: 'returns', intentLabel: '退货' })).toBe('退货')
    expect(intentText({ intent: 'returns', intentLabel: null })).toBe('returns')
    expect(intentText({})).toBeNull()
  })
})
