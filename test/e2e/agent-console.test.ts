import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handoffFlow } from '../api/handoff-support.ts'
import { hasChromium } from '../support/browser.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

const flowId = 'handoff-e2e'

describe.skipIf(!hasChromium())(
  'a customer asks for a person; an agent helps and hands back',
  () => {
    let session: EditorSession
    let customer: Page
    let agent: Page

    beforeAll(async () => {
      session = await EditorSession.start()
      const created = await session.api(
        'POST',
        '/api/flows',
        handoffFlow(flowId, { queueWithoutAgents: true }),
      )
      if (created.status !== 201) throw new Error(await created.text())
      // Two browser contexts: the designer's test chat plays the customer, the console the agent.
      customer = await session.open({ token: e2eToken, hash: `#/flows/${flowId}` })
      agent = await session.open({ role: 'agent', hash: '#/console' })
    }, 60_000)

    afterAll(async () => {
      await session?.close()
    })

    it('queues the customer who says 转人工 and tells them their place', async () => {
      await customer.getByRole('button', { name: '测试对话' }).click()
      await customer.getByRole('button', { name: '开始测试对话' }).click()
      await customer.locator('.chat-message.bot', { hasText: '请问有什么可以帮您' }).waitFor()

      await customer.getByLabel('以客户身份发送消息').fill('转人工')
      await customer.getByRole('button', { name: '发送', exact: true }).click()

      await customer.locator('.chat-message.bot', { hasText: '排在第 1 位' }).waitFor()
      expect(await customer.locator('.chat-panel').textContent()).toContain('等待人工')
    })

    it('lets the signed-in agent see the live queue and claim the conversation', async () => {
      const item = agent.locator('.queue-item', { hasText: '客户要求转人工' })
      await item.waitFor()
      expect(await item.textContent()).toContain('after-sales')
      // The designer's test chat is marked as one, so nobody takes it for a customer.
      const badge = item.locator('.badge.test-chat')
      expect(await badge.textContent()).toBe('测试')
      expect(await badge.getAttribute('title')).toContain('不是真实客户')

      await item.getByRole('button', { name: '接入' }).click()

      await agent.getByLabel('回复客户').waitFor()
      const heading = agent.locator('#console-conversation-heading')
      expect(await heading.locator('.badge.test-chat').textContent()).toBe('测试')
      await customer.locator('.chat-message.system', { hasText: '已接入' }).waitFor()
      expect(await agent.locator('.console-summary').textContent()).toContain('转人工')
    })

    it('names the resolution codes, the desk’s notes and empty sections in Chinese', async () => {
      const codes = await agent.locator('#console-resolution option').allTextContents()

      expect(codes).toEqual(['已解决', '已退款', '已换货', '已升级处理', '其他'])
      await agent.locator('.console-notes', { hasText: '接入了会话' }).waitFor()
      expect(await agent.locator('.console-context').textContent()).toContain('没有提取到信息。')
    })

    it("delivers the agent's reply to the customer's chat", async () => {
      await agent.getByLabel('回复客户').fill('您好，我是人工客服，请问订单号是多少？')
      await agent.getByRole('button', { name: '发送回复' }).click()

      await customer.locator('.chat-message.agent', { hasText: '我是人工客服' }).waitFor()
      await agent.locator('.chat-message.agent', { hasText: '我是人工客服' }).waitFor()
      await screenshot(agent, 'agent-console')
    })

    it('returns to the bot and the flow continues for the customer', async () => {
      await agent.getByRole('button', { name: '交回机器人' }).click()

      await customer.locator('.chat-message.bot', { hasText: '欢迎回来' }).waitFor()
      await customer.getByLabel('以客户身份发送消息').fill('谢谢')
      await customer.getByRole('button', { name: '发送', exact: true }).click()
      await customer.locator('.chat-message.bot', { hasText: '收到：谢谢' }).waitFor()
      await screenshot(customer, 'test-chat-after-handoff')
      expect(session.problems).toEqual([])
    })

    it('shows a live customer without the test badge', async () => {
      const published = await session.api('POST', `/api/flows/${flowId}/publish`, {})
      expect(published.status, await published.clone().text()).toBe(201)
      const started = await session.api('POST', '/api/conversations', { flowId })
      const { id } = (await started.json()) as { id: string }
      const turn = await session.api('POST', `/api/conversations/${id}/messages`, {
        text: '转人工',
      })
      expect(((await turn.json()) as { status: string }).status).toBe('waiting_agent')

      const item = agent.getByRole('list', { name: '排队中的会话' }).locator('.queue-item')
      await item.waitFor()
      expect(await item.locator('.badge.test-chat').count()).toBe(0)
      await item.locator('.queue-open').click()
      // The claim button shows once the live conversation's view replaced the test chat's.
      await agent.locator('.console-conversation').getByRole('button', { name: '接入' }).waitFor()
      const heading = agent.locator('#console-conversation-heading')
      expect(await heading.textContent()).toContain('会话')
      expect(await heading.locator('.badge.test-chat').count()).toBe(0)
      expect(session.problems).toEqual([])
    })

    it('edits the global interrupts in the flow settings panel', async () => {
      await customer.locator('.chat-panel').getByRole('button', { name: '关闭' }).click()
      const phrases = customer.getByLabel('关键词（逗号分隔）')
      expect(await phrases.inputValue()).toBe('转人工，人工客服，talk to a human')

      await customer.getByRole('button', { name: '添加打断规则' }).click()
      await customer.locator('#interrupt-1-kind').selectOption('sentiment')
      await customer.getByLabel('情绪低于').fill('-0.8')
      // Each rule's controls sit inside the panel, a label beside each (no wrapping into a jumble).
      const panel = await customer.locator('.side-panel').boundingBox()
      for (const control of await customer
        .locator('.interrupt-row select, .interrupt-row input')
        .all()) {
        const box = await control.boundingBox()
        expect(box && panel && box.x + box.width <= panel.x + panel.width).toBe(true)
      }
      const label = await customer.locator('label[for="interrupt-1-threshold"]').boundingBox()
      const input = await customer.locator('#interrupt-1-threshold').boundingBox()
      expect(
        label && input && Math.abs(label.y + label.height / 2 - (input.y + input.height / 2)),
      ).toBeLessThan(8)

      await expect
        .poll(async () => {
          const draft = (await (await session.api('GET', `/api/flows/${flowId}`)).json()) as {
            flow: { settings: { interrupts?: unknown[] } }
          }
          return draft.flow.settings.interrupts
        })
        .toEqual([
          expect.objectContaining({ kind: 'phrases', target: 'human' }),
          expect.objectContaining({ kind: 'sentiment', threshold: -0.8, target: 'human' }),
        ])
      expect(session.problems).toEqual([])
    })
  },
)
