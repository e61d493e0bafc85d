import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

describe.skipIf(!hasChromium())('the audit log page', () => {
  let session: EditorSession

  beforeAll(async () => {
    session = await EditorSession.start()
    const stored = await session.api('PUT', '/api/secrets/crmToken', { value: 'crm-e2e-value' })
    expect(stored.status).toBe(201)
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('shows an admin the log, filters it, verifies the chain and downloads CSV', async () => {
    const page = await session.open({ token: e2eToken, hash: '#/audit' })
    const table = page.getByRole('table', { name: '审计日志' })
    await table.getByText('secret.create').waitFor()

    await page.getByLabel('操作', { exact: true }).fill('secret.*')
    await page.getByRole('button', { name: '筛选', exact: true }).click()
    await page.getByRole('row').nth(2).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: '校验' }).click()
    await page
      .getByRole('status')
      .getByText(/审计日志完整/)
      .waitFor()
    await table
      .getByRole('row')
      .nth(1)
      .getByText(/^#\d+$/)
      .click()
    await table.getByText('PUT /api/secrets/crmToken').waitFor()
    await screenshot(page, 'audit-page-zh')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载 CSV' }).click(),
    ])

    expect(await table.getByRole('row').count()).toBe(2)
    expect(download.suggestedFilename()).toMatch(/^switchboard-audit-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = readFileSync(await download.path(), 'utf8')
    expect(csv).toContain('secret.create,secret:crmToken')
    expect(csv).not.toContain('crm-e2e-value')
    expect(session.problems).toEqual([])
  })

  it('is not in the navigation of a designer', async () => {
    const page = await session.open({ role: 'designer' })

    await page.getByRole('navigation').getByText('流程').waitFor()

    expect(await page.getByRole('navigation').getByText('审计日志').count()).toBe(0)
    expect(session.problems).toEqual([])
  })
})
