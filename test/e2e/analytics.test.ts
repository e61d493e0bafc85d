import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { experimentFlow, solvedText, unsolvedText } from '../support/experiment-flow.ts'
import { routerFlow } from '../support/router-flow.ts'
import { EditorSession, e2eToken, screenshot } from './editor-session.ts'

// The analytics dashboard and the canvas overlay in a real browser, over conversations the
// real server ran.

const routerId = 'e2e-router'
const experimentFlowId = 'e2e-greeting'

describe.skipIf(!hasChromium())('analytics in the editor', () => {
  let session: EditorSession

  async function converse(flowId: string, text: string, customerId?: string): Promise<void> {
    const started = await session.api('POST', '/api/conversations', { flowId, customerId })
    const { conversationId } = (await started.json()) as { conversationId: string }
    const answered = await session.api('POST', `/api/conversations/${conversationId}/messages`, {
      text,
    })
    expect(answered.status).toBe(200)
  }

  beforeAll(async () => {
    session = await EditorSession.start()
    expect((await session.api('POST', '/api/flows', routerFlow(routerId))).status).toBe(201)
    await session.api('POST', `/api/flows/${routerId}/publish`, {})
    await converse(routerId, '快递怎么还没送到')
    await converse(routerId, '快递怎么还没送到')
    await converse(routerId, 'zzz qqq xxx')

    // Two versions of a flow in an experiment, A and B.
    await session.api('POST', '/api/flows', experimentFlow(experimentFlowId, '您好'))
    await session.api('POST', `/api/flows/${experimentFlowId}/publish`, {})
    const draft = (await (await session.api('GET', `/api/flows/${experimentFlowId}`)).json()) as {
      revision: number
    }
    await session.api('PUT', `/api/flows/${experimentFlowId}`, {
      revision: draft.revision,
      flow: experimentFlow(experimentFlowId, '欢迎光临'),
    })
    await session.api('POST', `/api/flows/${experimentFlowId}/publish`, {})
    const created = await session.api('POST', '/api/experiments', {
      flowId: experimentFlowId,
      name: '问候语',
      variants: [
        { name: 'A', version: 1, weight: 50 },
        { name: 'B', version: 2, weight: 50 },
      ],
    })
    const { id } = (await created.json()) as { id: string }
    await session.api('POST', `/api/experiments/${id}/start`)
    for (let i = 0; i < 12; i++)
      await converse(experimentFlowId, i % 3 === 0 ? unsolvedText : solvedText, `customer-${i}`)
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('shows an analyst the flow’s KPIs against targets, the unanswered work list and a CSV export', async () => {
    const page = await session.open({ role: 'analyst', hash: `#/analytics/${routerId}` })

    await page.getByRole('heading', { name: `数据分析 · Test flow ${routerId}` }).waitFor()
    const conversations = page.locator('[data-kpi="analytics.kpi.conversations"] strong')
    await expect.poll(() => conversations.textContent()).toBe('3')
    await page
      .locator('[data-kpi="analytics.kpi.automationResolutionRate"]')
      .getByText('目标 > 75.0%')
      .waitFor()
    await page.getByRole('figure', { name: '指标趋势与目标' }).locator('svg').first().waitFor()
    await page.getByRole('cell', { name: 'zzz qqq xxx' }).waitFor()
    await page.getByRole('button', { name: '意图', exact: true }).click()
    await page.getByRole('button', { name: 'track_order' }).waitFor()

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: '导出待办清单（CSV）' }).click()

    expect((await download).suggestedFilename()).toMatch(
      /^unanswered-e2e-router-\d{4}-\d{2}-\d{2}\.csv$/,
    )
    await screenshot(page, 'analytics-dashboard')
    expect(session.problems).toEqual([])
  })

  it('offers the dashboard in the main navigation and lets an admin set token prices', async () => {
    const page = await session.open({ token: e2eToken, uiLocale: 'en', hash: '#/' })

    await page.getByRole('link', { name: 'Analytics' }).click()

    await page.getByRole('heading', { name: 'Analytics', exact: true }).waitFor()
    await page.locator('[data-kpi="analytics.kpi.conversations"] strong').getByText('15').waitFor()
    await page.getByText('Token prices (for cost)').click()
    await page.getByLabel('Prompt, per 1,000 tokens').fill('0.002')
    await page.getByLabel('Completion, per 1,000 tokens').fill('0.006')
    await page.getByRole('button', { name: 'Save prices' }).click()
    await page.getByText('Saved', { exact: true }).waitFor()
    expect(await (await session.api('GET', '/api/analytics/prices')).json()).toEqual({
      promptPer1k: 0.002,
      completionPer1k: 0.006,
      currency: 'CNY',
    })
    expect(session.problems).toEqual([])
  })

  it('overlays entries and exits per port on the canvas', async () => {
    const page = await session.open({ token: e2eToken, hash: `#/flows/${routerId}` })
    await page.locator('.react-flow__node[data-id="understand"]').waitFor()

    await page.getByRole('button', { name: '数据叠加' }).click()

    const stats = page.getByTestId('node-stats-understand')
    await stats.getByText('→ track_order').waitFor()
    expect(await stats.getByRole('row', { name: /进入/ }).textContent()).toContain('3')
    await page.locator('.react-flow__edge.overlay-edge').first().waitFor()
    await screenshot(page, 'analytics-overlay')
    expect(session.problems).toEqual([])
  })

  it('shows an experiment’s two variants side by side on the canvas', async () => {
    const page: Page = await session.open({ token: e2eToken, hash: `#/flows/${experimentFlowId}` })
    await page.locator('.react-flow__node[data-id="check"]').waitFor()
    await page.getByRole('button', { name: '数据叠加' }).click()

    await page.getByLabel('实验').selectOption({ label: '问候语' })

    const stats = page.getByTestId('node-stats-check')
    await stats.getByRole('columnheader', { name: 'A' }).waitFor()
    await stats.getByRole('columnheader', { name: 'B' }).waitFor()
    await page.getByText('A | B 并排对比').waitFor()
    await screenshot(page, 'analytics-overlay-experiment')
    expect(session.problems).toEqual([])
  })
})
