import type { Page } from 'playwright-core'

/** Signs in the way a person does: fills the sign-in page (zh-CN labels) and submits it. */
export async function signInThroughForm(page: Page, login: string, password: string) {
  await page.getByLabel('用户名或邮箱').fill(login)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
}
