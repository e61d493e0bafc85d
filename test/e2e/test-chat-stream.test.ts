import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

/** The example knowledge base is ingested in the background at first start: wait for it. */
async function waitForExampleKnowledge(session: EditorSession): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const response = await session.api('GET', '/api/knowledge-bases/ecommerce-aftersales/documents')
    if (response.ok) {
      const text = await response.text()
      if (text.includes('"ready"') && !/"(queued|processing)"/.test(text)) return
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the example knowledge base was not ready in 30 s')
}

describe.skipIf(!hasChromium())('the test chat streams replies for a simulated customer', () => {
  let session: EditorSession
  let page: Page

  beforeAll(async () => {
    session = await EditorSession.start()
    await waitForExampleKnowledge(session)
    page = await session.open({ token: e2eToken, hash: '#/flows/ecommerce-aftersales' })
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('starts the example flow as 王女士: the profile is sent and shown, the greeting arrives', async () => {
    await page.getByRole('button', { name: '测试对话' }).click()
    await page.getByText('模拟客户').click()
    await page.getByLabel('客户 ID').fill('c-42')
    await page.getByLabel('渠道').fill('wechat')
    const profile = page.getByLabel('客户资料（JSON 对象）')
    await profile.fill('{name: 王女士}')
    await page.getByText('客户资料不是有效的 JSON').waitFor()
    expect(await page.getByRole('button', { name: '开始测试对话' }).isDisabled()).toBe(true)
    await profile.fill('{"name": "王女士", "level": "gold"}')

    await page.getByRole('button', { name: '开始测试对话' }).click()

    // The example's greeting does not use the profile; it is shown in the profile inspector.
    await page.locator('.chat-message.bot', { hasText: '星河商城售后服务' }).waitFor()
    expect(await page.locator('.chat-profile').textContent()).toContain('"王女士"')
  })

  it('asks who pays return shipping and sees the streamed offline answer arrive', async () => {
    const streamed = page.waitForResponse(
      (r) => r.url().endsWith('/messages') && r.request().method() === 'POST',
    )
    // Records whether a streaming bubble (deltas before the stored message) was ever on screen.
    await page.evaluate(() => {
      const seen = { streaming: 0 }
      Object.assign(window, { seen })
      new MutationObserver(() => {
        if (document.querySelector('.chat-message.is-streaming')) seen.streaming++
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await page.getByLabel('以客户身份发送消息').fill('退货运费谁出？')
    await page.getByRole('button', { name: '发送', exact: true }).click()

    const response = await streamed
    expect(response.request().headers().accept).toContain('text/event-stream')
    expect(response.headers()['content-type']).toContain('text/event-stream')
    const answer = page.locator('.chat-message.bot', { hasText: '退货运费' }).last()
    await answer.locator('.badge.offline', { hasText: '离线模式' }).waitFor()
    expect(await answer.textContent()).toContain('退货运费由买家承担')
    expect(await page.locator('.chat-message.is-streaming').count()).toBe(0)
    const seen = await page.evaluate(
      () => (window as unknown as { seen: { streaming: number } }).seen,
    )
    expect(seen.streaming).toBeGreaterThan(0)
    expect(await page.locator('.chat-message.customer').last().textContent()).toContain(
      '退货运费谁出？',
    )
    await screenshot(page, 'editor-test-chat-stream')
    expect(session.problems).toEqual([])
  })
})
