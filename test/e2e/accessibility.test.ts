import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { canvasNode } from './canvas-actions.ts'
import { EditorSession, e2eToken } from './editor-session.ts'

// Roles of controls a person operates: each needs a name a screen reader can say.
const controlRoles = new Set([
  'button',
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'switch',
  'spinbutton',
  'slider',
  'link',
  'menuitem',
  'tab',
])

interface AxNode {
  ignored: boolean
  role?: { value: string }
  name?: { value: string }
  properties?: { name: string; value: { value?: unknown } }[]
  backendDOMNodeId?: number
}

function hasProperty(node: AxNode, name: string): boolean {
  return node.properties?.some((p) => p.name === name && p.value.value === true) ?? false
}

/**
 * Controls on the page without an accessible name, or that the keyboard cannot reach (not
 * focusable though enabled), by Chromium's own accessibility tree. Fails outright if the tree has
 * hardly any controls: then the check itself would be broken.
 */
async function inaccessibleControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] }
  const inaccessible: string[] = []
  const controls = nodes.filter((n) => !n.ignored && controlRoles.has(n.role?.value ?? ''))
  expect(controls.length).toBeGreaterThan(5)
  for (const node of nodes) {
    const role = node.role?.value ?? ''
    if (node.ignored || !controlRoles.has(role)) continue
    const isNamed = (node.name?.value ?? '').trim() !== ''
    const isReachable = hasProperty(node, 'focusable') || hasProperty(node, 'disabled')
    if (isNamed && isReachable) continue
    let html = '?'
    if (node.backendDOMNodeId !== undefined) {
      const { object } = (await cdp.send('DOM.resolveNode', {
        backendNodeId: node.backendDOMNodeId,
      })) as { object: { objectId?: string } }
      if (object.objectId) {
        const { result } = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: 'function () { return this.outerHTML.slice(0, 160) }',
          returnByValue: true,
        })) as { result: { value: string } }
        html = result.value
      }
    }
    inaccessible.push(`${isNamed ? 'unreachable' : 'unnamed'} ${role}: ${html}`)
  }
  await cdp.detach()
  return inaccessible
}

/** What Tab reaches from the top of the page, in order, as "tag name" descriptions. */
async function tabStops(page: Page, count: number): Promise<string[]> {
  await page.locator('body').focus()
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  const stops: string[] = []
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab')
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement
        if (!el) return ''
        const name =
          el.getAttribute('aria-label') ??
          (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
          el.textContent ??
          ''
        const nodeId = el.closest('.react-flow__node')?.getAttribute('data-id')
        return nodeId ? `node ${nodeId}` : `${el.tagName.toLowerCase()} ${name.trim().slice(0, 40)}`
      }),
    )
  }
  return stops
}

describe.skipIf(!hasChromium())('accessibility of the editor pages', () => {
  let session: EditorSession
  let page: Page

  beforeAll(async () => {
    session = await EditorSession.start()
    const kb = (await (
      await session.api('POST', '/api/knowledge-bases', { name: '无障碍检查' })
    ).json()) as { id: string }
    await session.api('POST', `/api/knowledge-bases/${kb.id}/documents`, {
      name: 'a.txt',
      text: '退货说明',
    })
    page = await session.open({ token: e2eToken })
    // Signed in: the main navigation is drawn (generous: the first load may build nothing but
    // still waits for a busy machine).
    await page.getByRole('navigation', { name: '主导航' }).waitFor({ timeout: 45_000 })
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it.each([
    ['the flows page', '#/', '.flow-list'],
    ['the knowledge list', '#/knowledge', '.flow-list'],
    ['a knowledge base', '#/knowledge/', '.document-row'],
    ['the settings page', '#/settings', '.secret-row, .flow-row'],
  ])('names every control on %s, each reachable by keyboard', async (_, hash, ready) => {
    const kbId = (
      (await (await session.api('GET', '/api/knowledge-bases')).json()) as {
        knowledgeBases: { id: string }[]
      }
    ).knowledgeBases[0]?.id
    await page.evaluate(
      (h) => {
        window.location.hash = h
      },
      hash === '#/knowledge/' ? `${hash}${kbId}` : hash,
    )
    await page.locator(ready).first().waitFor()

    expect(await inaccessibleControls(page)).toEqual([])
  })

  it('names every control of the canvas, the node form (Monaco included) and the toolbar', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/flows/ecommerce-aftersales'
    })
    await page.locator('.react-flow__node').first().waitFor()
    const llm = page.locator('.react-flow__node', { hasText: '大模型' }).first()
    if ((await llm.count()) > 0) await llm.click()
    else await page.locator('.palette [data-node-type="llm"]').click()
    await page.locator('.code-editor .monaco-editor').first().waitFor()

    expect(await inaccessibleControls(page)).toEqual([])
  })

  it('reaches the toolbar, the palette, the canvas nodes and the node form with Tab alone', async () => {
    await canvasNode(page, 'start').click()
    await page.getByLabel('标签').first().waitFor()

    const stops = await tabStops(page, 140)

    const has = (pattern: RegExp) => stops.some((stop) => pattern.test(stop))
    expect(has(/^input 流程名称/), 'flow name').toBe(true)
    expect(has(/^button 发布/), 'publish').toBe(true)
    expect(has(/^input 搜索节点/), 'palette search').toBe(true)
    expect(has(/^button 回复/), 'a palette item').toBe(true)
    expect(has(/^node /), 'a canvas node').toBe(true)
    expect(has(/^input 标签/), 'the node label field').toBe(true)
    expect(session.problems).toEqual([])
  })
})
