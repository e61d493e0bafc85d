import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { canvasNode, connectPorts, dragFromPalette, waitSaved } from './canvas-actions.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

describe.skipIf(!hasChromium())('an operator builds a flow in the editor', () => {
  let session: EditorSession
  let page: Page

  beforeAll(async () => {
    session = await EditorSession.start()
    page = await session.open({ token: e2eToken })
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('creates an empty flow from the flows page and lands on its canvas', async () => {
    await page.getByRole('button', { name: '新建流程' }).click()
    await page.getByLabel('名称').fill('退货助手')
    await page.getByLabel('ID（用于网址和 API）').fill('returns-helper')
    await page.getByRole('button', { name: '创建' }).click()

    await canvasNode(page, 'start').waitFor()
    expect(page.url()).toContain('#/flows/returns-helper')
    expect(await page.locator('.react-flow__node').count()).toBe(1)
  })

  it('drags an ask node from the palette and fills its form, ports included', async () => {
    await dragFromPalette(page, 'ask', { x: 120, y: 90 })
    await canvasNode(page, 'ask-1').waitFor()

    await page.getByLabel('问题', { exact: true }).fill('请问您要办理什么？')
    await page.getByLabel('答案存入变量').fill('topic')
    await page.getByLabel('答案类型').selectOption('choice')
    await page.getByRole('button', { name: '添加一行 · 选项' }).click()
    await page.getByLabel('标签 1', { exact: true }).fill('退货')
    await page.getByLabel('值 1', { exact: true }).fill('refund')
    await page.getByRole('button', { name: '添加一行 · 选项' }).click()
    await page.getByLabel('标签 2', { exact: true }).fill('查询订单')

    const ports = canvasNode(page, 'ask-1').locator('.react-flow__handle.source')
    expect(
      await ports.evaluateAll((els) => els.map((e) => e.getAttribute('data-handleid'))),
    ).toEqual(['answer', 'invalid', 'error'])
  })

  it("grows a condition node's ports as branches are added", async () => {
    await dragFromPalette(page, 'condition', { x: 380, y: 90 })
    await canvasNode(page, 'condition-1').waitFor()

    await page.getByRole('button', { name: '添加一行 · 分支' }).click()
    await page.getByLabel('名称 1', { exact: true }).fill('refund')
    await page.getByLabel('条件 1', { exact: true }).fill('vars.topic == "refund"')

    await canvasNode(page, 'condition-1').locator('[data-handleid="refund"]').waitFor()
    const ports = canvasNode(page, 'condition-1').locator('.react-flow__handle.source')
    expect(
      await ports.evaluateAll((els) => els.map((e) => e.getAttribute('data-handleid'))),
    ).toEqual(['refund', 'else', 'error'])
  })

  it('adds a reply and an end node', async () => {
    await dragFromPalette(page, 'reply', { x: 640, y: 90 })
    await canvasNode(page, 'reply-1').waitFor()
    await page.getByLabel('消息', { exact: true }).fill('好的，马上为您办理退货。')
    await dragFromPalette(page, 'end', { x: 640, y: 520 })
    await canvasNode(page, 'end-1').waitFor()
    await page.getByLabel('结束语').fill('感谢您的耐心，再见！')

    expect(await page.locator('.react-flow__node').count()).toBe(5)
  })

  it('connects the ports and the problems list empties of errors', async () => {
    await page.getByRole('button', { name: '适应画布' }).click()

    await connectPorts(page, { from: 'start', port: 'next', to: 'ask-1' })
    await connectPorts(page, { from: 'ask-1', port: 'answer', to: 'condition-1' })
    await connectPorts(page, { from: 'condition-1', port: 'refund', to: 'reply-1' })
    await connectPorts(page, { from: 'reply-1', port: 'next', to: 'end-1' })

    await page.getByText(/问题 · 0 个错误，1 个警告/).waitFor()
    await waitSaved(page)
  })

  it('declares the variable in the flow settings, which clears the last warning', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } })
    await page.getByRole('button', { name: '添加一行 · 变量' }).click()
    await page.getByLabel('名称 1', { exact: true }).fill('topic')

    await page.getByText('问题 · 0 个错误，0 个警告').waitFor()
    await waitSaved(page)
    await screenshot(page, 'editor-built-flow')
  })

  it('saved exactly the drawn flow on the server', async () => {
    const draft = (await (await session.api('GET', '/api/flows/returns-helper')).json()) as {
      flow: { edges: { source: string; sourceHandle: string; target: string }[] }
    }

    expect(draft.flow.edges.map((e) => `${e.source}.${e.sourceHandle}→${e.target}`).sort()).toEqual(
      [
        'ask-1.answer→condition-1',
        'condition-1.refund→reply-1',
        'reply-1.next→end-1',
        'start.next→ask-1',
      ],
    )
  })

  it('undoes and redoes an edit', async () => {
    await canvasNode(page, 'reply-1').click()
    const message = page.getByLabel('消息', { exact: true })
    await message.fill('临时修改')
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } })

    await page.getByRole('button', { name: '撤销' }).click()
    await canvasNode(page, 'reply-1').click()
    expect(await page.getByLabel('消息', { exact: true }).inputValue()).toBe(
      '好的，马上为您办理退货。',
    )
    await page.getByRole('button', { name: '重做' }).click()
    expect(await page.getByLabel('消息', { exact: true }).inputValue()).toBe('临时修改')
    await page.getByRole('button', { name: '撤销' }).click()
    await waitSaved(page)
  })

  it('publishes with a note and lists the version', async () => {
    await page.getByRole('button', { name: '发布', exact: true }).click()
    await page.getByLabel('发布说明').fill('首个版本')
    await page.getByRole('button', { name: '立即发布' }).click()

    await page.getByText('已发布 v1').first().waitFor()
    await page.getByRole('button', { name: '版本' }).click()
    await page.getByRole('dialog').getByText('首个版本').waitFor()
    await page.getByRole('button', { name: '关闭' }).click()
  })

  it('talks to the draft in the test chat: buttons, waiting node, lit path, variables, trace', async () => {
    await page.getByRole('button', { name: '测试对话' }).click()
    await page.getByRole('button', { name: '开始测试对话' }).click()

    await page.locator('.chat-message.bot', { hasText: '请问您要办理什么？' }).waitFor()
    await canvasNode(page, 'ask-1').locator('.node-card.is-waiting').waitFor()
    await screenshot(page, 'editor-test-chat-waiting')
    await page.locator('.quick-replies').getByRole('button', { name: '退货' }).click()

    await page.locator('.chat-message.bot', { hasText: '感谢您的耐心，再见！' }).waitFor()
    expect(
      await page.locator('.chat-message').evaluateAll((els) => els.map((e) => e.textContent)),
    ).toEqual([
      '机器人: 请问您要办理什么？',
      '客户: 退货',
      '机器人: 好的，马上为您办理退货。',
      '机器人: 感谢您的耐心，再见！',
    ])
    for (const nodeId of ['start', 'ask-1', 'condition-1', 'reply-1', 'end-1']) {
      expect(await canvasNode(page, nodeId).locator('.is-on-path').count(), nodeId).toBe(1)
    }
    expect(await page.locator('.react-flow__edge.on-path').count()).toBe(4)
    expect(await page.locator('.variables').textContent()).toContain('"refund"')
    expect(await page.locator('.trace-step').count()).toBeGreaterThanOrEqual(5)
    await screenshot(page, 'editor-test-chat')
    expect(session.problems).toEqual([])
  })

  it('switches the editor to English in place, keeping the work on screen', async () => {
    await page.getByRole('button', { name: 'English' }).click()

    await page.getByRole('heading', { name: 'Test chat' }).waitFor()
    await page.getByRole('button', { name: 'Publish', exact: true }).waitFor()
    expect(await page.locator('.save-status').textContent()).toBe('Saved')
    expect(await page.locator('.react-flow__node').count()).toBe(5)
    await screenshot(page, 'editor-en')
    await page.getByRole('button', { name: '中文' }).click()
    await page.getByRole('heading', { name: '测试对话' }).waitFor()
  })

  it('duplicates a node with Ctrl+D and undoes it with Ctrl+Z; the shortcuts are listed', async () => {
    await page.locator('.chat-panel').getByRole('button', { name: '关闭' }).click()
    await canvasNode(page, 'reply-1').click()

    await page.keyboard.press('Control+d')
    await canvasNode(page, 'reply-2').waitFor()
    expect(await page.getByLabel('消息', { exact: true }).inputValue()).toBe(
      '好的，马上为您办理退货。',
    )
    await page.keyboard.press('Control+z')
    await canvasNode(page, 'reply-2').waitFor({ state: 'detached' })

    await page.getByRole('button', { name: '快捷键' }).click()
    await page.getByRole('dialog', { name: '键盘快捷键' }).getByText('复制选中的节点').waitFor()
    await page.keyboard.press('Escape')
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(session.problems).toEqual([])
  })
})
