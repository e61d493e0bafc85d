import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

const faq = '问题,答案\n怎么退货？,七天内申请退货。\n多久退款？,三个工作日内退款。\n'

async function json<T>(response: Response): Promise<T> {
  expect(response.ok, await response.clone().text()).toBe(true)
  return (await response.json()) as T
}

describe.skipIf(!hasChromium())('managing knowledge bases and secrets', () => {
  let session: EditorSession
  let page: Page
  let kbId = ''

  beforeAll(async () => {
    session = await EditorSession.start()
    const base = await json<{ id: string }>(
      await session.api('POST', '/api/knowledge-bases', { name: '售后 FAQ' }),
    )
    kbId = base.id
    const doc = await session.api('POST', `/api/knowledge-bases/${kbId}/documents`, {
      name: 'faq.csv',
      text: faq,
    })
    expect(doc.status).toBe(202)
    page = await session.open({ token: e2eToken, hash: `#/knowledge/${kbId}` })
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it("shows a document's chunks in reading order", async () => {
    const row = page.locator('.document-row', { hasText: 'faq.csv' })
    await row.getByText('就绪').waitFor()

    await row.getByRole('button', { name: '查看分段' }).click()

    const dialog = page.getByRole('dialog', { name: '“faq.csv”的分段' })
    await dialog.getByText('按阅读顺序显示 2 个分段中的 2 个。').waitFor()
    const titles = await dialog.locator('.chunk-head strong').allTextContents()
    expect(titles).toEqual(['怎么退货？', '多久退款？'])
    await screenshot(page, 'knowledge-chunks')
    await dialog.getByRole('button', { name: '关闭' }).click()
  })

  it('renames the knowledge base', async () => {
    await page.getByRole('button', { name: '重命名' }).click()
    const dialog = page.getByRole('dialog', { name: '重命名知识库' })
    await dialog.getByLabel('知识库名称').fill('售后常见问题')
    await dialog.getByRole('button', { name: '保存' }).click()

    await page.getByRole('heading', { name: '售后常见问题' }).waitFor()
    const saved = await json<{ name: string }>(
      await session.api('GET', `/api/knowledge-bases/${kbId}`),
    )
    expect(saved.name).toBe('售后常见问题')
  })

  it('deletes the knowledge base only after confirmation, then shows the list', async () => {
    await page.getByRole('button', { name: '删除知识库' }).click()
    const confirm = page.getByRole('dialog', { name: '删除知识库“售后常见问题”？' })
    await confirm.getByRole('button', { name: '取消' }).click()
    expect((await session.api('GET', `/api/knowledge-bases/${kbId}`)).status).toBe(200)

    await page.getByRole('button', { name: '删除知识库' }).click()
    await confirm.getByRole('button', { name: '删除' }).click()

    await page.getByRole('heading', { name: '新建知识库' }).waitFor()
    expect((await session.api('GET', `/api/knowledge-bases/${kbId}`)).status).toBe(404)
  })

  it('adds a secret whose value is never sent back to the page', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/settings'
    })
    await page.getByRole('button', { name: '添加密钥' }).click()
    const dialog = page.getByRole('dialog', { name: '添加密钥' })
    await dialog.getByLabel('名称').fill('CRM_TOKEN')
    await dialog.getByLabel('值', { exact: true }).fill('s3cr3t-crm-value')
    await dialog.getByLabel('说明（可选）').fill('CRM 接口令牌')
    await dialog.getByRole('button', { name: '保存' }).click()

    const row = page.locator('.secret-row', { hasText: 'CRM_TOKEN' })
    await row.getByText('CRM 接口令牌').waitFor()
    expect(await page.content()).not.toContain('s3cr3t-crm-value')
    const listed = await (await session.api('GET', '/api/secrets')).text()
    expect(listed).not.toContain('s3cr3t-crm-value')
    await screenshot(page, 'settings-secrets')
  })

  it('replaces a secret value, keeping its description', async () => {
    const row = page.locator('.secret-row', { hasText: 'CRM_TOKEN' })
    await row.getByRole('button', { name: '替换值' }).click()
    const dialog = page.getByRole('dialog', { name: '替换“CRM_TOKEN”的值' })
    expect(await dialog.getByLabel('值', { exact: true }).inputValue()).toBe('')
    await dialog.getByLabel('值', { exact: true }).fill('new-crm-value')
    await dialog.getByRole('button', { name: '保存' }).click()

    await page.getByText('已保存密钥“CRM_TOKEN”。').waitFor()
    await row.getByText('CRM 接口令牌').waitFor()
  })

  it('deletes a secret only after confirmation', async () => {
    const row = page.locator('.secret-row', { hasText: 'CRM_TOKEN' })
    await row.getByRole('button', { name: '删除' }).click()
    await page
      .getByRole('dialog', { name: '删除密钥“CRM_TOKEN”？' })
      .getByRole('button', { name: '删除' })
      .click()

    await page.getByText('还没有密钥。').waitFor()
    const body = await json<{ secrets: unknown[] }>(await session.api('GET', '/api/secrets'))
    expect(body.secrets).toEqual([])
    expect(session.problems).toEqual([])
  })
})
