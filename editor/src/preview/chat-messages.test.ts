import { describe, expect, it } from 'vitest'
import { applyTurnEvent, type ChatMessage } from './chat-messages.ts'

const customer: ChatMessage = { id: 'c1', role: 'customer', text: '退货运费谁出？' }

describe('applyTurnEvent', () => {
  it('grows one streaming bubble per streamId as deltas arrive', () => {
    let messages = applyTurnEvent([customer], { type: 'delta', streamId: 's1', text: '退货' })
    messages = applyTurnEvent(messages, { type: 'delta', streamId: 's1', text: '运费' })

    expect(messages).toEqual([
      customer,
      { id: 'stream:s1', role: 'bot', text: '退货运费', isStreaming: true },
    ])
  })

  it('replaces the bubble with the stored message whose meta.streamId matches', () => {
    const streaming = applyTurnEvent([customer], { type: 'delta', streamId: 's1', text: '退货' })
    const stored = {
      id: 'm1',
      role: 'bot',
      text: '退货运费由买家承担。',
      meta: { streamId: 's1', isOffline: true },
    }

    expect(applyTurnEvent(streaming, { type: 'message', message: stored })).toEqual([
      customer,
      stored,
    ])
  })

  it('appends a message that was not streamed and ignores one that is not a message', () => {
    const greeting = { id: 'm2', role: 'bot', text: '您好' }

    expect(applyTurnEvent([customer], { type: 'message', message: greeting })).toEqual([
      customer,
      greeting,
    ])
    expect(applyTurnEvent([customer], { type: 'message', message: { text: 1 } })).toEqual([
      customer,
    ])
  })
})

describe('applyTurnEvent with the customer stream', () => {
  it('does not add a stored message twice when the customer stream brought it first', () => {
    const stored = { id: 'm1', role: 'bot' as const, text: '收到' }

    const next = applyTurnEvent([stored], { type: 'message', message: stored })

    expect(next).toEqual([stored])
  })
})
