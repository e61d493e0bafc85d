import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { canvasNode } from './canvas-actions.ts'
import { EditorSession, e2ePassword, e2eToken, screenshot } from './editor-session.ts'
import { signInThroughForm } from './sign-in-form.ts'

const exampleName = '电商订单查询与退货'
const exampleId = 'ecommerce-order-service'

/** The list row of a flow, found by its id (names may repeat after an import). */
function flowRow(page: Page, flowId: string) {
  return page.locator('.flow-row', { has: page.locator(`a[href="#/flows/${flowId}"]`) })
}

describe.skipIf(!hasChromium())('the flows page', () => {
  let session: EditorSession

  beforeAll(async () => {
    session = await EditorSession.start()
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('lists the published example flow once the admin signs in', async () => {
    const page = await session.open()

    await signInThroughForm(page, 'admin', e2ePassword)

    await flowRow(page, exampleId).waitFor()
    expect(await flowRow(page, exampleId).getByText('已发布 v1').count()).toBe(1)
    await screenshot(page, 'flows-page-zh')
    expect(session.problems).toEqual([])
  })

  it('switches the interface to English and keeps the choice', async () => {
    const page = await session.open({ token: e2eToken })

    await page.getByRole('button', { name: 'English' }).click()
    await page.reload()

    await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor()
    await flowRow(page, exampleId).getByText('Published v1').waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await screenshot(page, 'flows-page-en')
    await page.getByRole('button', { name: '中文' }).click()
    await page.getByRole('heading', { name: '流程', exact: true }).waitFor()
    expect(session.problems).toEqual([])
  })

  it('says so when the password is wrong, and signs out back to the sign-in page', async () => {
    const page = await session.open()

    await signInThroughForm(page, 'admin', 'not-the-password')
    await page.getByRole('alert').getByText('用户名或密码错误。').waitFor()
    // The refused sign-in itself is logged by Chromium as a console error (401): expected here.
    session.problems.length = 0
    await page.getByLabel('密码').fill(e2ePassword)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('button', { name: '退出登录' }).click()

    await page.getByLabel('用户名或邮箱').waitFor()
  })

  it('finds flows by name or id as the operator types', async () => {
    const page = await session.open({ token: e2eToken })
    await flowRow(page, exampleId).waitFor()

    await page.getByLabel('搜索流程').fill('没有这个')
    await page.getByText('没有与“没有这个”匹配的流程。').waitFor()
    await page.getByLabel('搜索流程').fill('ecommerce')

    await flowRow(page, exampleId).waitFor()
  })

  it('exports a flow and imports the file back as an equal flow under a free id', async () => {
    const page = await session.open({ token: e2eToken })
    await flowRow(page, exampleId).waitFor()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      flowRow(page, exampleId).getByRole('button', { name: '导出' }).click(),
    ])
    const file = readFileSync(await download.path(), 'utf8')
    await page.getByLabel('流程 JSON 文件').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    })

    await page.getByRole('status').getByText(`已导入“${exampleName}”。`).waitFor()
    expect(download.suggestedFilename()).toBe('ecommerce-order-service.flow.json')
    const original = (await (
      await session.api('GET', '/api/flows/ecommerce-order-service')
    ).json()) as { flow: object }
    const imported = (await (
      await session.api('GET', '/api/flows/ecommerce-order-service-2')
    ).json()) as { flow: object }
    expect({ ...imported.flow, id: 'x' }).toEqual({ ...original.flow, id: 'x' })
    expect(session.problems).toEqual([])
  })

  it('refuses a file that is not a flow with a clear message and stores nothing', async () => {
    const page = await session.open({ token: e2eToken })
    await flowRow(page, exampleId).waitFor()
    const before = await page.locator('.flow-row').count()

    await page.getByLabel('流程 JSON 文件').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": "world"}'),
    })

    await page
      .getByRole('alert')
      .getByText(/该文件不是 Switchboard 流程/)
      .waitFor()
    expect(await page.locator('.flow-row').count()).toBe(before)
    await page.getByLabel('流程 JSON 文件').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ not json'),
    })
    await page
      .getByRole('alert')
      .getByText(/该文件不是有效的 JSON/)
      .waitFor()
  })

  it('imports a flow with a node type that is no longer installed and shows it as unknown', async () => {
    const page = await session.open({ token: e2eToken })
    await flowRow(page, exampleId).waitFor()
    const flow = buildFlow(
      'legacy-crm',
      [
        { id: 'start', type: 'start' },
        { id: 'crm', type: 'acme-crm-lookup', config: { endpoint: 'https://crm.example' } },
      ],
      [['start', 'next', 'crm']],
      { name: '旧的 CRM 流程' },
    )

    await page.getByLabel('流程 JSON 文件').setInputFiles({
      name: 'legacy.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(flow)),
    })
    await page
      .getByRole('status')
      .getByText('已导入“旧的 CRM 流程”，发布前需要修复 1 个问题。')
      .waitFor()
    await flowRow(page, 'legacy-crm').getByRole('link').click()

    await canvasNode(page, 'crm')
      .getByText(/未知节点类型/)
      .waitFor()
    await page.getByText('问题 · 1 个错误，0 个警告').waitFor()
    const stored = (await (await session.api('GET', '/api/flows/legacy-crm')).json()) as {
      flow: { nodes: { id: string; data: { config: unknown } }[] }
    }
    expect(stored.flow.nodes.find((n) => n.id === 'crm')?.data.config).toEqual({
      endpoint: 'https://crm.example',
    })
    expect(session.problems).toEqual([])
  })

  it('duplicates a flow, then deletes the copy after confirmation', async () => {
    const page = await session.open({ token: e2eToken })
    await flowRow(page, exampleId).waitFor()
    const copyName = `${exampleName}（副本）`

    await flowRow(page, exampleId).getByRole('button', { name: '复制' }).click()
    await flowRow(page, `${exampleId}-copy`).getByRole('link', { name: copyName }).waitFor()
    await flowRow(page, `${exampleId}-copy`).getByRole('button', { name: '删除' }).click()
    await page
      .getByRole('dialog', { name: `删除“${copyName}”？` })
      .getByRole('button', { name: '取消' })
      .click()
    expect(await page.getByRole('link', { name: copyName }).count()).toBe(1)
    await flowRow(page, `${exampleId}-copy`).getByRole('button', { name: '删除' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click()

    await page.getByRole('link', { name: copyName }).waitFor({ state: 'detached' })
    expect(session.problems).toEqual([])
  })

  it('creates a flow from the example template, ready to test without errors', async () => {
    const page = await session.open({ token: e2eToken })
    await page.getByRole('button', { name: '新建流程' }).click()
    await page.getByLabel('名称').fill('问候菜单')
    await page.getByLabel('起点').selectOption('greeting')
    await page.getByRole('button', { name: '创建' }).click()

    await canvasNode(page, 'menu').waitFor()
    await page.getByText('问题 · 0 个错误，0 个警告').waitFor()
    expect(await page.locator('.react-flow__node').count()).toBe(6)
    await screenshot(page, 'editor-example-template')
    expect(session.problems).toEqual([])
  })
})
