import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { EditorSession, e2eToken } from './editor-session.ts'

const flowId = 'ecommerce-aftersales'

/** Whether an element's content is wider than the element (it is cut off or overflows). */
function overflows(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => element.scrollWidth > element.clientWidth + 1)
}

describe.skipIf(!hasChromium())('what each role meets on first use', () => {
  let session: EditorSession

  beforeAll(async () => {
    session = await EditorSession.start()
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('keeps the English top bar on one line on a 1280×720 laptop', async () => {
    const page = await session.open({ token: e2eToken, uiLocale: 'en', hash: '#/' })
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.getByRole('link', { name: 'Audit log' }).waitFor()

    const heights = await page
      .locator('.main-nav a, .top-bar-user, .top-bar h1')
      .evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().height))

    expect(Math.max(...heights)).toBeLessThan(36)
    expect(await overflows(page, '.main-nav')).toBe(false)
    await page.close()
  })

  it('names every field of the intent and handoff nodes in Chinese', async () => {
    const page = await session.open({ token: e2eToken, hash: `#/flows/${flowId}` })
    await page.locator('.react-flow__node[data-id="intent"]').click()
    await page.getByLabel('置信度阈值').waitFor()
    expect(await page.locator('.node-panel').textContent()).not.toMatch(/threshold|useHistory/)

    await page.locator('.react-flow__node[data-id="agent"]').click()

    await page.getByLabel('无人在线时也排队').waitFor()
    expect(await page.getByLabel('优先级').locator('option:checked').textContent()).toBe('普通')
    expect(await page.locator('.node-panel').textContent()).not.toMatch(/queueWithoutAgents/)
    await page.close()
  })

  it('says in Chinese that a node just added is not connected yet', async () => {
    const page = await session.openGreetingFlow('first-use-flow')

    await page.locator('.palette button', { hasText: '回复' }).first().click()

    await page
      .locator('.problems-list')
      .getByText(/从开始节点无法到达，永远不会运行/)
      .waitFor()
    // …and put it beside the cards already there, not over one (hiding its ports).
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().toJSON()))
    const overlaps = boxes.flatMap((a: DOMRect, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b: DOMRect) =>
            a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
        ),
    )
    expect(boxes.length).toBe(3)
    expect(overlaps).toEqual([])
    await page.close()
  })

  it('says in Chinese how many errors stop a publish and what the first one is', async () => {
    const page = await session.openGreetingFlow('publish-problems-flow')
    await page.locator('.palette button', { hasText: '条件分支' }).first().click()
    // A branch without a name or a condition: two errors.
    await page.getByRole('button', { name: '添加一行 · 分支' }).click()

    await page.getByRole('button', { name: '发布', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: '立即发布' }).click()

    const refusal = page.getByRole('dialog').getByText('无法发布：流程有 2 个错误')
    await refusal.waitFor()
    // The first problem of the server's flow_invalid, in Chinese: a field label and a reason.
    const text = (await refusal.textContent()) ?? ''
    // The branch name's pattern has its author's own English; the params say format.
    expect(text).toMatch(/第一个：节点 condition-\d+ 的「分支 › 第 1 项 › 名称」：格式不正确/)
    expect(text.replace(/节点 [\w-]+/, '')).not.toMatch(/[A-Za-z]{3,}/)
    // The refused publish is logged by Chromium as a console error: expected here.
    session.problems.length = 0
    await page.close()
  })

  it('keeps keyboard focus on the page when a node is deleted and when the test chat closes', async () => {
    const page = await session.openGreetingFlow('focus-flow')
    const focused = () => page.evaluate(() => document.activeElement?.id)
    await page.locator('.react-flow__node[data-id="hello"]').click()

    await page.getByRole('button', { name: '删除节点' }).click()

    await expect.poll(focused).toBe('flow-panel-heading')
    await page.getByRole('button', { name: '测试对话' }).click()
    await page.locator('.chat-panel').getByRole('button', { name: '关闭' }).click()
    expect(await focused()).toBe('test-chat-toggle')
    await page.close()
  })

  it('opens the new-experiment dialog wide enough for its variant rows', async () => {
    // A second published version to compare with the first.
    const draft = (await (await session.api('GET', `/api/flows/${flowId}`)).json()) as {
      flow: { description?: string }
      revision: number
    }
    const saved = await session.api('PUT', `/api/flows/${flowId}`, {
      revision: draft.revision,
      flow: { ...draft.flow, description: `${draft.flow.description ?? ''} B` },
    })
    expect(saved.status).toBe(200)
    expect((await session.api('POST', `/api/flows/${flowId}/publish`, { note: 'B' })).status).toBe(
      201,
    )
    // Edited last, so listed first: a flow with a single version, nothing to compare yet.
    await session.api(
      'POST',
      '/api/flows',
      buildFlow('one-version', [{ id: 'start', type: 'start' }], []),
    )
    await session.api('POST', '/api/flows/one-version/publish', { note: 'A' })
    const page = await session.open({ token: e2eToken, hash: '#/experiments' })

    await page.getByRole('button', { name: '新建实验' }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByTestId('variant-row').count()).toBe(2)

    expect(await dialog.getByLabel('流程').inputValue()).toBe(flowId)
    expect(await overflows(page, '.experiment-dialog')).toBe(false)
    expect((await dialog.boundingBox())?.width).toBeGreaterThan(600)
    await dialog.getByLabel('流程').selectOption('one-version')
    await dialog.getByText('这个流程只有一个已发布版本').waitFor()
    await page.close()
  })

  it('shows an analyst a flow read-only, with no buttons that would fail', async () => {
    const page = await session.open({ role: 'analyst', hash: `#/flows/${flowId}` })
    await page.locator('.react-flow__node[data-id="notFound"]').click()

    await page.getByText('只读', { exact: true }).waitFor()
    expect(await page.getByLabel('标签', { exact: true }).isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: '发布' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '测试对话' }).count()).toBe(0)
    expect(await page.locator('.palette').count()).toBe(0)

    // A prompt is Monaco; its input is a real <textarea>, so the fieldset disables it too.
    await page.locator('.react-flow__node[data-id="answer"]').click()
    const prompt = page.locator('.code-editor[data-field-id$="-systemPrompt"]')
    await prompt.locator('.monaco-editor').waitFor()
    await prompt.locator('.monaco-editor').click()
    await page.keyboard.type('分析员')
    expect(await prompt.locator('.view-lines').textContent()).not.toContain('分析员')
    await page.close()
  })

  it('shows an analyst a knowledge base without upload, rename or delete', async () => {
    const page = await session.open({ role: 'analyst', hash: `#/knowledge/${flowId}` })

    await page.getByRole('button', { name: '查看分段' }).first().waitFor()

    expect(await page.getByRole('button', { name: /上传文件|重命名|删除/ }).count()).toBe(0)
    await page.close()
  })

  it('shows a designer the model providers without the admin’s buttons', async () => {
    const page = await session.open({ role: 'designer', hash: '#/settings' })

    await page.locator('[data-provider="offline"]').getByText('离线', { exact: true }).waitFor()

    expect(await page.getByRole('button', { name: /添加模型服务|测试连接|设为默认/ }).count()).toBe(
      0,
    )
    await page.close()
  })

  it('opens the agent console as an agent’s start page', async () => {
    const page = await session.open({ role: 'agent', hash: '' })

    await page.getByLabel('我的状态').waitFor()
    await page.getByText('你现在不在线：切换到“在线”才会有转人工的客户分配给你。').waitFor()
    await page.getByLabel('我的状态').selectOption('online')
    await page.getByText('你现在不在线').waitFor({ state: 'detached' })

    expect(await page.locator('.main-nav a.current').textContent()).toBe('人工坐席')
    await page.close()
  })

  it('fits the audit log’s table on a 1280×720 laptop, long targets wrapped', async () => {
    // The longest route there is: an audited write, although the document does not exist.
    await session.api('DELETE', `/api/knowledge-bases/${flowId}/documents/kbdoc0123456789abcdef`)
    const page = await session.open({ token: e2eToken, uiLocale: 'en', hash: '#/audit' })
    await page.setViewportSize({ width: 1280, height: 720 })

    await page.getByText('DELETE /api/knowledge-bases/{id}/documents/{documentId}').waitFor()

    expect(await overflows(page, '.audit-page')).toBe(false)
    await page.close()
  })

  it('says in Chinese, not the browser’s English, that the server cannot be reached', async () => {
    const page = await session.open({ token: e2eToken, hash: '#/' })
    await page.getByRole('link', { name: '知识库' }).waitFor()
    await page.route('**/api/knowledge-bases', (route) => route.abort('connectionrefused'))

    await page.getByRole('link', { name: '知识库' }).click()

    await page.getByRole('alert').getByText('无法连接服务器').waitFor()
    expect(await page.getByRole('alert').textContent()).not.toContain('Failed to fetch')
    // Chromium logs the refused request itself as a console error: expected here.
    session.problems.length = 0
    await page.close()
  })

  it('tells an analyst who opens the users page that the role cannot see it', async () => {
    const page = await session.open({ role: 'analyst', hash: '#/users' })

    await page.getByRole('alert').getByText('你的角色无权查看此页面。').waitFor()

    expect(await page.getByRole('button', { name: '添加用户' }).count()).toBe(0)
    expect(session.problems).toEqual([])
    await page.close()
  })
})
