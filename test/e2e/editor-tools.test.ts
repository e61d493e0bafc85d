import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Flow } from '../../shared/index.ts'
import { hasChromium } from '../support/browser.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { canvasNode, waitSaved } from './canvas-actions.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

// The strictest policy the editor must work under: nothing but our own origin, no eval, no
// blob: workers. Monaco's inline styles are the one exception (docs/decisions.md, Editor).
const strictCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
].join('; ')

async function draft(session: EditorSession, flowId: string): Promise<Flow> {
  const body = (await (await session.api('GET', `/api/flows/${flowId}`)).json()) as { flow: Flow }
  return body.flow
}

async function createFlow(session: EditorSession, flow: Parameters<typeof buildFlow>) {
  const response = await session.api('POST', '/api/flows', buildFlow(...flow))
  expect(response.status, await response.clone().text()).toBe(201)
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

describe.skipIf(!hasChromium())(
  'editor tools: clipboard, layout, shortcuts, code editors, offline',
  () => {
    let session: EditorSession
    let page: Page
    const workerUrls: string[] = []

    beforeAll(async () => {
      session = await EditorSession.start()
      await createFlow(session, [
        'copy-from',
        [
          { id: 'start', type: 'start' },
          { id: 'ask-1', type: 'ask', config: { question: '订单号？', variable: 'orderId' } },
          { id: 'reply-1', type: 'reply', config: { text: '收到 {{ vars.orderId }}' } },
        ],
        [
          ['start', 'next', 'ask-1'],
          ['ask-1', 'answer', 'reply-1'],
        ],
        { variables: [{ name: 'orderId', type: 'string' }] },
      ])
      await createFlow(session, [
        'copy-to',
        [{ id: 'start', type: 'start' }],
        [],
        { variables: [{ name: 'orderId', type: 'string' }] },
      ])
      page = await session.open({ token: e2eToken, hash: '#/flows/copy-from' })
      page.on('worker', (worker) => workerUrls.push(worker.url()))
      // Serve the editor under the strict policy above, whatever headers the server sends.
      await page.route(`${session.server.url}/`, async (route) => {
        const response = await route.fetch()
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': strictCsp },
        })
      })
      await page.reload()
      await canvasNode(page, 'reply-1').waitFor()
    }, 60_000)

    afterAll(async () => {
      await session?.close()
    })

    it('duplicates the selected nodes with the edge between them, and undoes it', async () => {
      await canvasNode(page, 'ask-1').click()
      await canvasNode(page, 'reply-1').click({ modifiers: [mod] })
      expect(await page.locator('.react-flow__node.selected').count()).toBe(2)

      await page.keyboard.press(`${mod}+d`)

      await canvasNode(page, 'reply-2').waitFor()
      await page.locator('[data-testid="rf__edge-e-ask-2-answer-reply-2"]').waitFor()
      await page.keyboard.press(`${mod}+z`)
      await canvasNode(page, 'ask-2').waitFor({ state: 'detached' })
      expect(await page.locator('.react-flow__node').count()).toBe(3)
    })

    it('copies nodes in one flow and pastes them, edge and config included, into another', async () => {
      await canvasNode(page, 'ask-1').click()
      await canvasNode(page, 'reply-1').click({ modifiers: [mod] })
      await page.keyboard.press(`${mod}+c`)
      await waitSaved(page)

      await page.evaluate(() => {
        window.location.hash = '#/flows/copy-to'
      })
      await canvasNode(page, 'start').waitFor()
      await page.keyboard.press(`${mod}+v`)

      await canvasNode(page, 'reply-1').waitFor()
      await page.locator('[data-testid="rf__edge-e-ask-1-answer-reply-1"]').waitFor()
      await waitSaved(page)
      const saved = await draft(session, 'copy-to')
      expect(saved.nodes.map((n) => n.id)).toEqual(['start', 'ask-1', 'reply-1'])
      expect(saved.nodes[1]?.data.config).toEqual({ question: '订单号？', variable: 'orderId' })
      expect(saved.edges.map((e) => e.id)).toEqual(['e-ask-1-answer-reply-1'])
    })

    it('lays the flow out left to right in one undoable step', async () => {
      const before = await draft(session, 'copy-to')
      const x = (flow: Flow, id: string) => flow.nodes.find((n) => n.id === id)?.position.x ?? 0

      await page.getByRole('button', { name: '自动布局' }).click()
      await page.locator('.save-status[data-status="unsaved"]').waitFor()
      await waitSaved(page)
      const laidOut = await draft(session, 'copy-to')

      // The pasted pair is joined by an edge; start is not connected to it: a row of its own.
      expect(x(laidOut, 'ask-1')).toBeLessThan(x(laidOut, 'reply-1'))
      expect(laidOut.nodes.map((n) => n.position)).not.toEqual(before.nodes.map((n) => n.position))
      await screenshot(page, 'editor-auto-layout')
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
      await page.keyboard.press(`${mod}+z`)
      await page.locator('.save-status[data-status="unsaved"]').waitFor()
      await waitSaved(page)
      const undone = await draft(session, 'copy-to')
      expect(undone.nodes.map((n) => n.position)).toEqual(before.nodes.map((n) => n.position))
    })

    it('connects a port to a node from the node panel, without a mouse drag', async () => {
      // The pasted nodes may overlap start: select it by keyboard, the way this feature is for.
      await canvasNode(page, 'start').focus()
      await page.keyboard.press('Enter')
      await page.getByLabel('next →').waitFor()

      await page.getByLabel('next →').selectOption('ask-1')

      await page.locator('[data-testid="rf__edge-e-start-next-ask-1"]').waitFor()
      await page.getByLabel('next →').selectOption('')
      await page
        .locator('[data-testid="rf__edge-e-start-next-ask-1"]')
        .waitFor({ state: 'detached' })
      await page.getByLabel('next →').selectOption('ask-1')
      await waitSaved(page)
      const saved = await draft(session, 'copy-to')
      expect(saved.edges.map((e) => e.id)).toContain('e-start-next-ask-1')
    })

    it('opens the shortcuts help with "?" and closes it with Escape', async () => {
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })

      await page.keyboard.press('?')

      const dialog = page.getByRole('dialog', { name: '键盘快捷键' })
      await dialog.waitFor()
      expect(await dialog.textContent()).toContain('粘贴复制的节点')
      await screenshot(page, 'editor-shortcuts')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
    })

    it('edits an llm prompt in Monaco, completing a flow variable inside {{ }}', async () => {
      await page.locator('.palette [data-node-type="llm"]').click()
      const prompt = page.locator('.code-editor[data-field-id$="-userPrompt"] .monaco-editor')
      await prompt.waitFor()

      await prompt.click()
      await page.keyboard.press(`${mod}+a`)
      await page.keyboard.type('订单 {{ vars.ord')
      const suggestion = page.locator('.suggest-widget .monaco-list-row', {
        hasText: 'vars.orderId',
      })
      await suggestion.first().waitFor()
      await screenshot(page, 'editor-monaco-prompt')
      await page.keyboard.press('Enter')

      await waitSaved(page)
      const llm = (await draft(session, 'copy-to')).nodes.find((n) => n.type === 'llm')
      expect(llm?.data.config.userPrompt).toMatch(/^订单 \{\{ vars\.orderId/)
    })

    it('highlights JavaScript in the code node with Monaco served from our own origin', async () => {
      await page.locator('.palette [data-node-type="code"]').click()
      const code = page.locator('.code-editor[data-language="javascript"] .monaco-editor')
      await code.waitFor()
      await code.locator('.view-line', { hasText: 'return' }).waitFor()

      // Monaco colours lines after drawing them (tokenizing is asynchronous): wait for colours.
      const isColoured = await page.waitForFunction(
        () => {
          const spans = document.querySelectorAll(
            '.code-editor[data-language="javascript"] .view-line span span',
          )
          return new Set([...spans].map((s) => s.className)).size > 1
        },
        undefined,
        { timeout: 10_000 },
      )
      expect(await isColoured.jsonValue()).toBe(true)
      expect(workerUrls.length).toBeGreaterThan(0)
      for (const url of workerUrls) expect(url.startsWith(session.server.url)).toBe(true)
      expect(session.problems).toEqual([])
    })

    it('keeps edits while the server is unreachable, says so, and saves once it is back', async () => {
      await waitSaved(page)
      await page.route('**/api/flows/copy-to', (route) =>
        route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
      )

      await page.getByLabel('流程名称').fill('离线时改的名字')

      const status = page.locator('.save-status[data-status="offline"]')
      await status.waitFor()
      expect(await status.textContent()).toContain('正在重试')
      await screenshot(page, 'editor-offline')
      await page.unroute('**/api/flows/copy-to')
      await waitSaved(page)
      expect((await draft(session, 'copy-to')).name).toBe('离线时改的名字')
      // The aborted saves are the only errors the page logged.
      const others = session.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))
      expect(others).toEqual([])
      session.problems.length = 0
    })
  },
)
