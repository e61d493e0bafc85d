import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'
import { signInThroughForm } from './sign-in-form.ts'

describe.skipIf(!hasChromium())('users and roles in the editor', () => {
  let session: EditorSession

  beforeAll(async () => {
    session = await EditorSession.start()
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('lets an admin add a user, whose one-time password is shown once and must be changed', async () => {
    const admin = await session.open({ token: e2eToken, hash: '#/users' })

    await admin.getByLabel('用户名').fill('wang.fang')
    await admin.getByLabel('角色', { exact: true }).selectOption('analyst')
    await admin.getByRole('button', { name: '添加用户' }).click()
    const password = await admin.getByTestId('one-time-secret').textContent()
    await admin
      .getByRole('listitem')
      .filter({ hasText: 'wang.fang' })
      .getByText('一次性密码')
      .waitFor()
    await screenshot(admin, 'users-page-zh')

    const analyst = await session.open()
    await signInThroughForm(analyst, 'wang.fang', password ?? '')
    await analyst.getByLabel('当前（一次性）密码').fill(password ?? '')
    await analyst.getByLabel('新密码', { exact: true }).fill('wang-fang-password')
    await analyst.getByLabel('再次输入新密码').fill('wang-fang-password')
    await analyst.getByRole('button', { name: '保存密码' }).click()

    await analyst.getByText('wang.fang · 分析员').waitFor()
    expect(session.problems).toEqual([])
  })

  it('shows a designer no users page in the navigation', async () => {
    const page = await session.open({ role: 'designer' })

    await page.getByRole('navigation').getByText('流程').waitFor()

    expect(await page.getByRole('navigation').getByText('用户').count()).toBe(0)
    expect(await page.getByRole('navigation').getByText('知识库').count()).toBe(1)
    expect(session.problems).toEqual([])
  })

  it('shows an analyst the flows without the buttons that change them', async () => {
    const page = await session.open({ role: 'analyst' })

    await page.locator('.flow-row').first().waitFor()

    expect(await page.getByRole('button', { name: '新建流程' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0)
    expect(await page.getByRole('navigation').getByText('设置').count()).toBe(0)
    expect(session.problems).toEqual([])
  })

  it('creates an API key for a flow and shows it once', async () => {
    const page = await session.open({ token: e2eToken, hash: '#/users' })

    await page.getByLabel('名称', { exact: true }).fill('官网聊天')
    await page.getByLabel('电商订单查询与退货').check()
    await page.getByRole('button', { name: '创建密钥' }).click()

    const key = await page.getByTestId('one-time-secret').textContent()
    expect(key).toMatch(/^sbk_/)
    await page.getByRole('listitem').filter({ hasText: '官网聊天' }).waitFor()
    expect(session.problems).toEqual([])
  })
})
