import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenAiStub } from '../stubs/openai-stub.ts'
import { hasChromium } from '../support/browser.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

const faq = `# 退货政策

收到商品后七天内可以无理由退货，退货运费由买家承担；商品有质量问题时运费由我们承担。

# 发货时间

付款后 48 小时内发货，偏远地区顺延一天。
`
const apiKey = 'sk-e2e-0123456789abcdef'

function documentRow(page: Page, name: string) {
  return page.locator('.document-row', { hasText: name })
}

function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true })
}

describe.skipIf(!hasChromium())('the knowledge and settings pages', () => {
  let session: EditorSession
  let stub: OpenAiStub
  let fileDir: string

  beforeAll(async () => {
    fileDir = mkdtempSync(join(tmpdir(), 'switchboard-kb-files-'))
    stub = await OpenAiStub.start({ apiKey })
    session = await EditorSession.start()
  }, 60_000)

  afterAll(async () => {
    await session?.close()
    await stub?.close()
    if (fileDir) rmSync(fileDir, { recursive: true, force: true })
  })

  it('creates a knowledge base, indexes an uploaded file and finds it with a Chinese query', async () => {
    const faqPath = join(fileDir, '售后常见问题.md')
    writeFileSync(faqPath, faq)
    const page = await session.open({ token: e2eToken })

    await navLink(page, '知识库').click()
    await page.getByRole('heading', { name: '新建知识库' }).waitFor()
    await page.getByLabel('知识库名称').fill('售后知识')
    await page.getByRole('button', { name: '创建', exact: true }).click()
    await page.getByRole('heading', { name: '售后知识' }).waitFor()
    await page.getByText('还没有文档，上传一个文件开始吧。').waitFor()

    await page.getByLabel('要上传的文件').setInputFiles(faqPath)
    await documentRow(page, '售后常见问题.md').getByText('就绪').waitFor()
    await page.getByLabel('检索问题').fill('退货运费谁承担')
    await page.getByRole('button', { name: '检索', exact: true }).click()

    const hit = page.locator('.search-hit').first()
    await hit.getByText('售后常见问题.md').waitFor()
    expect(await hit.textContent()).toContain('七天内可以无理由退货')
    expect(await hit.textContent()).toMatch(/得分 \d+\.\d{3}/)
    await screenshot(page, 'knowledge-base-zh')
    expect(session.problems).toEqual([])
  })

  it('deletes a document only after confirmation', async () => {
    const bases = (await (await session.api('GET', '/api/knowledge-bases')).json()) as {
      knowledgeBases: { id: string; name: string }[]
    }
    const kbId = bases.knowledgeBases.find((kb) => kb.name === '售后知识')?.id ?? ''
    const oldPath = join(fileDir, 'old-notes.txt')
    writeFileSync(oldPath, '旧的说明：这一条已经过期。')
    const page = await session.open({ token: e2eToken, hash: `#/knowledge/${kbId}` })

    await page.getByLabel('要上传的文件').setInputFiles(oldPath)
    await documentRow(page, 'old-notes.txt').getByText('就绪').waitFor()
    await documentRow(page, 'old-notes.txt').getByRole('button', { name: '删除' }).click()
    const dialog = page.getByRole('dialog', { name: '删除文档“old-notes.txt”？' })
    await dialog.getByRole('button', { name: '取消' }).click()
    expect(await documentRow(page, 'old-notes.txt').count()).toBe(1)
    await documentRow(page, 'old-notes.txt').getByRole('button', { name: '删除' }).click()
    await dialog.getByRole('button', { name: '删除' }).click()

    await page.getByRole('status').getByText('已删除“old-notes.txt”。').waitFor()
    await documentRow(page, 'old-notes.txt').waitFor({ state: 'detached' })
    expect(await documentRow(page, '售后常见问题.md').count()).toBe(1)
    expect(session.problems).toEqual([])
  })

  it('shows in Chinese why the server refused a file and lists nothing new', async () => {
    const bases = (await (await session.api('GET', '/api/knowledge-bases')).json()) as {
      knowledgeBases: { id: string; name: string }[]
    }
    const kbId = bases.knowledgeBases.find((kb) => kb.name === '售后知识')?.id ?? ''
    const page = await session.open({ token: e2eToken, hash: `#/knowledge/${kbId}` })
    await documentRow(page, '售后常见问题.md').waitFor()

    await page.getByLabel('要上传的文件').setInputFiles({
      name: 'broken.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('this is not a pdf'),
    })

    // The server's refusal (document_invalid, "Cannot index …") is told in Chinese by its code.
    const alert = page.getByRole('alert').getByText(/broken\.pdf/)
    await alert.waitFor()
    const text = (await alert.textContent()) ?? ''
    expect(text).toContain('无法导入「broken.pdf」：文件已损坏或无法读取')
    expect(text.replace('broken.pdf', '')).not.toMatch(/[A-Za-z]{3,}/)
    expect(await page.locator('.document-row').count()).toBe(1)
    // Chromium logs the refused upload itself as a console error: expected here.
    session.problems.length = 0
  })

  it('refuses a file type it cannot index in Chinese, before sending it', async () => {
    const page = await session.open({ token: e2eToken, hash: '#/knowledge' })
    await page.getByRole('link', { name: '售后知识', exact: true }).click()
    await documentRow(page, '售后常见问题.md').waitFor()
    let uploads = 0
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/documents')) uploads += 1
    })

    await page.getByLabel('要上传的文件').setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ'),
    })

    await page.getByRole('alert').getByText('无法上传“setup.exe”：不支持 .exe 文件').waitFor()
    expect(uploads).toBe(0)
    expect(session.problems).toEqual([])
  })

  it('adds a provider, shows only its key hint, tests it and makes it the default', async () => {
    const page = await session.open({ token: e2eToken })

    await navLink(page, '设置').click()
    const offline = page.locator('[data-provider="offline"]')
    await offline.getByText('离线', { exact: true }).waitFor()
    await page.getByRole('button', { name: '添加模型服务' }).click()
    const dialog = page.getByRole('dialog', { name: '添加模型服务' })
    await dialog.getByLabel('名称', { exact: true }).fill('stub')
    await dialog.getByLabel('接口地址（Base URL）').fill(stub.baseUrl)
    await dialog.getByLabel('API 密钥').fill(apiKey)
    await dialog.getByLabel('对话模型').fill('stub-chat')
    await dialog.getByRole('button', { name: '保存' }).click()

    const row = page.locator('[data-provider="stub"]')
    await row.getByText('密钥 sk-…cdef').waitFor()
    expect(await page.content()).not.toContain(apiKey)
    await row.getByRole('button', { name: '测试连接' }).click()
    await row
      .getByRole('status')
      .getByText(/连接成功：\d+ 毫秒（模型 stub-chat）/)
      .waitFor()
    // The first saved provider becomes the default by itself; choose offline, then it again.
    await row.getByText('默认', { exact: true }).waitFor()
    await offline.getByRole('button', { name: '设为默认' }).click()
    await offline.getByText('默认', { exact: true }).waitFor()
    await row.getByRole('button', { name: '设为默认' }).click()
    await row.getByText('默认', { exact: true }).waitFor()
    expect(await offline.getByText('默认', { exact: true }).count()).toBe(0)

    const providers = (await (await session.api('GET', '/api/providers')).json()) as {
      defaultProvider: string
    }
    expect(providers.defaultProvider).toBe('stub')
    await screenshot(page, 'settings-providers-zh')
    expect(session.problems).toEqual([])
  })

  it('keeps the saved key when the provider is edited with the key field left empty', async () => {
    const page = await session.open({ token: e2eToken, hash: '#/settings' })
    const row = page.locator('[data-provider="stub"]')

    await row.getByRole('button', { name: '编辑' }).click()
    const dialog = page.getByRole('dialog', { name: '编辑“stub”' })
    expect(await dialog.getByLabel('API 密钥').inputValue()).toBe('')
    await dialog.getByLabel('对话模型').fill('stub-chat-2')
    await dialog.getByRole('button', { name: '保存' }).click()

    await row.getByText('stub-chat-2').waitFor()
    await row.getByText('密钥 sk-…cdef').waitFor()
    await row.getByRole('button', { name: '测试连接' }).click()
    await row
      .getByRole('status')
      .getByText(/连接成功/)
      .waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: 'Model providers' }).waitFor()
    await row.getByText('key sk-…cdef').waitFor()
    await page.locator('[data-provider="offline"]').getByText('Offline', { exact: true }).waitFor()
    await screenshot(page, 'settings-providers-en')
    expect(session.problems).toEqual([])
  })
})
