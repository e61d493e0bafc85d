import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../runtime/config.ts'
import { type RunningServer, startServer } from '../../runtime/server.ts'
import { hasChromium, launchChromium } from '../support/browser.ts'
import { projectRoot } from '../support/server-process.ts'

const token = 'e2e-admin-token-0123456789'

describe.skipIf(!hasChromium())('start page in Chromium', () => {
  let server: RunningServer
  let browser: Browser
  let dataDir: string
  const consoleErrors: string[] = []

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'))
    server = await startServer(
      loadConfig({
        PORT: '0',
        DATA_DIR: dataDir,
        SWITCHBOARD_ADMIN_TOKEN: token,
        LOG_LEVEL: 'silent',
      }),
      {},
    )
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  async function openPage(locale: string): Promise<Page> {
    const page = await browser.newPage({ locale, viewport: { width: 1100, height: 700 } })
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
    // Every request must stay on our own origin: intranets have no internet.
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url))
        consoleErrors.push(`external request: ${request.url()}`)
    })
    await page.goto(server.url)
    return page
  }

  it('lists the published example flow once the operator enters the admin token', async () => {
    const page = await openPage('zh-CN')

    await page.getByLabel('管理员令牌').fill(token)
    await page.getByRole('button', { name: '连接' }).click()

    await expect.poll(() => page.getByText('电商订单查询与退货').count()).toBe(1)
    expect(await page.getByText('已发布 v1').count()).toBe(1)
    await page.screenshot({
      path: join(projectRoot, 'test', 'e2e', 'screenshots', 'start-page-zh.png'),
    })
    expect(consoleErrors).toEqual([])
  })

  it('switches the interface to English and keeps the choice', async () => {
    const page = await openPage('zh-CN')

    await page.getByRole('button', { name: 'English' }).click()
    await page.reload()
    await page.getByLabel('Admin token').fill(token)
    await page.getByRole('button', { name: 'Connect' }).click()

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Switchboard customer-service flows',
    )
    await expect.poll(() => page.getByText('Published v1').count()).toBe(1)
    await page.screenshot({
      path: join(projectRoot, 'test', 'e2e', 'screenshots', 'start-page-en.png'),
    })
    expect(consoleErrors).toEqual([])
  })

  it('shows why the flows cannot be loaded when the token is wrong', async () => {
    const page = await openPage('en')

    await page.getByLabel('Admin token').fill('not-the-token')
    await page.getByRole('button', { name: 'Connect' }).click()

    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Missing or invalid bearer token')
    // The failed API call itself is logged by Chromium as a console error (401): expected here.
    consoleErrors.length = 0
  })
})
