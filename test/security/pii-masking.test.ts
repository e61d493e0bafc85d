import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { echoFlow } from '../support/flow-builder.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

const phone = '13812345678'

interface ConversationView {
  variables: Record<string, unknown>
  profile: Record<string, unknown>
  messages: { role: string; text: string }[]
}

describe('personal data in transcripts', () => {
  let t: TestApp
  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(() => t.close())

  /** A conversation on `flow` where the customer sent their phone number. */
  async function conversationWithPhone(flowId: string): Promise<ConversationView> {
    const started = await t.request('POST', '/api/conversations', {
      flowId,
      customerId: 'customer-1',
      profile: { phone, tier: 'gold' },
    })
    const { id } = (await started.json()) as { id: string }
    await t.request('POST', `/api/conversations/${id}/messages`, { text: `我的手机${phone}` })
    return (await (await t.request('GET', `/api/conversations/${id}`)).json()) as ConversationView
  }

  it("masks what the flow's compliance policy masks in messages, variables and profile", async () => {
    await t.publish(echoFlow('echo'))

    const conversation = await conversationWithPhone('echo')

    expect(JSON.stringify(conversation)).not.toContain(phone)
    expect(conversation.variables.said).toBe('我的手机138****5678')
    expect(conversation.profile).toEqual({ phone: '138****5678', tier: 'gold' })
    expect(conversation.messages.at(-1)?.text).toBe('收到：我的手机138****5678')
  })

  it('shows personal data when the policy has no masking rule for it', async () => {
    const policy = { id: 'no-pii', name: '不打码', rules: [] }
    expect((await t.request('POST', '/api/compliance/policies', policy)).status).toBe(201)
    await t.publish({ ...echoFlow('open'), settings: { compliancePolicy: 'no-pii' } })

    const conversation = await conversationWithPhone('open')

    expect(conversation.variables.said).toBe(`我的手机${phone}`)
  })
})
