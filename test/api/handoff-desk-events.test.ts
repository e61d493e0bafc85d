import { afterEach, describe, expect, it } from 'vitest'
import { eventNoteText } from '../../editor/src/console/desk-labels.ts'
import { type Locale, translate } from '../../editor/src/i18n.ts'
import { deskEventCodes } from '../../runtime/handoff/index.ts'
import { type Desk, openDesk } from './handoff-support.ts'

// The desk writes its events (claimed, transferred, closed, …) as codes with values, so that the
// console says them in the agent's language; the English `text` stays for older API readers.

let desk: Desk | undefined

afterEach(() => desk?.t.close())

interface NoteView {
  kind: string
  agentName: string | null
  text: string
  code: string | null
  params: Record<string, string> | null
}

async function notesOf(d: Desk, id: string): Promise<NoteView[]> {
  const view = await d.t.request('GET', `/api/agent/conversations/${id}`)
  expect(view.status).toBe(200)
  return ((await view.json()) as { notes: NoteView[] }).notes
}

const pick = (notes: NoteView[]) =>
  notes.map(({ kind, code, params, text }) => ({ kind, code, params, text }))

describe('handoff: desk events as codes', () => {
  it('stores claim, transfers and close as codes with their values, keeping the English text', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()
    const colleague = desk.agent()
    await desk.online(colleague)
    const { me } = (await (await colleague('GET', '/api/agent/queue')).json()) as {
      me: { agentId: string; name: string }
    }

    await agent('POST', `/api/agent/conversations/${id}/transfer`, { queue: 'billing' })
    await agent('POST', `/api/agent/conversations/${id}/claim`)
    await agent('POST', `/api/agent/conversations/${id}/transfer`, { agentId: me.agentId })
    await colleague('POST', `/api/agent/conversations/${id}/notes`, { text: '已核实订单' })
    await colleague('POST', `/api/agent/conversations/${id}/close`, { resolutionCode: 'refunded' })

    expect(pick(await notesOf(desk, id))).toEqual([
      { kind: 'event', code: 'claimed', params: null, text: 'claimed' },
      {
        kind: 'event',
        code: 'transferred_to_queue',
        params: { queue: 'billing' },
        text: 'transferred to queue billing',
      },
      { kind: 'event', code: 'claimed', params: null, text: 'claimed' },
      {
        kind: 'event',
        code: 'transferred_to_agent',
        params: { agentId: me.agentId, agentName: me.name },
        text: `transferred to agent ${me.name}`,
      },
      { kind: 'note', code: null, params: null, text: '已核实订单' },
      {
        kind: 'event',
        code: 'closed',
        params: { resolutionCode: 'refunded' },
        text: 'closed: refunded',
      },
    ])
  })

  it('codes the requeue of an agent gone offline, the hand-back and the customer leaving', async () => {
    desk = await openDesk()
    const { agent, id } = await desk.claimed()

    await agent('PUT', '/api/agent/presence', { status: 'offline' })
    const other = desk.agent()
    await desk.online(other)
    await other('POST', `/api/agent/conversations/${id}/claim`)
    await other('POST', `/api/agent/conversations/${id}/return`)
    const second = await desk.handedOff()
    await desk.t.request('POST', `/api/conversations/${second.id}/leave`)

    expect((await notesOf(desk, id)).map((n) => n.code)).toEqual([
      'claimed',
      'requeued_agent_offline',
      'claimed',
      'returned',
    ])
    expect(await notesOf(desk, second.id)).toMatchObject([
      { code: 'customer_left', params: null, agentName: null, text: 'the customer left' },
    ])
  })

  it('reads events stored before codes from their text; other old text stays as it was', async () => {
    desk = await openDesk()
    const { id } = await desk.claimed()
    const { sqlite } = desk.t.database
    const { handoffId } = sqlite
      .prepare('select handoff_id as handoffId from handoff_notes where conversation_id = ?')
      .get(id) as { handoffId: string }
    const insert = sqlite.prepare(
      `insert into handoff_notes (id, handoff_id, conversation_id, kind, agent_name, text, created_at)
       values (?, ?, ?, 'event', '小王', ?, ?)`,
    )
    const old = [
      'closed: replaced',
      'transferred to queue vip',
      'agent went offline',
      'console disconnected; back in the queue',
      'something an old desk wrote',
    ]
    old.forEach((text, index) => {
      insert.run(`old-${index}`, handoffId, id, text, `2026-03-03T00:00:0${index}.000Z`)
    })

    const notes = (await notesOf(desk, id)).slice(1)

    expect(notes.map(({ code, params, text }) => ({ code, params, text }))).toEqual([
      { code: 'closed', params: { resolutionCode: 'replaced' }, text: 'closed: replaced' },
      { code: 'transferred_to_queue', params: { queue: 'vip' }, text: 'transferred to queue vip' },
      { code: 'requeued_agent_offline', params: null, text: 'agent went offline' },
      {
        code: 'requeued_console_silent',
        params: null,
        text: 'console disconnected; back in the queue',
      },
      { code: null, params: null, text: 'something an old desk wrote' },
    ])
  })
})

describe('the console says every desk event code in words', () => {
  const tIn =
    (locale: Locale) =>
    (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
      translate(locale, key, values)
  const params = { queue: 'vip', agentId: 'u-1', agentName: '小李', resolutionCode: 'refunded' }

  it.each(deskEventCodes)('%s, in Chinese and English', (code) => {
    const note = { code, params, text: `raw ${code}` }
    const zh = eventNoteText(tIn('zh-CN'), note)
    const en = eventNoteText(tIn('en'), note)

    expect(zh).not.toBe(note.text)
    expect(en).not.toBe(note.text)
    expect(zh).not.toBe(en)
  })
})
