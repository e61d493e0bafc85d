import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Experiment } from '../../shared/index.ts'
import { hasChromium } from '../support/browser.ts'
import { experimentFlow } from '../support/experiment-flow.ts'
import { projectRoot } from '../support/server-process.ts'
import { EditorSession, e2eToken, screenshotDir } from './editor-session.ts'

const flowId = 'e2e-experiment'
const run = promisify(execFile)

describe.skipIf(!hasChromium())('running an experiment from the editor', () => {
  let session: EditorSession
  let page: Page
  let experimentId = ''

  beforeAll(async () => {
    session = await EditorSession.start()
    expect((await session.api('POST', '/api/flows', experimentFlow(flowId, '您好'))).status).toBe(
      201,
    )
    await session.api('POST', `/api/flows/${flowId}/publish`, { note: 'A' })
    const draft = (await (await session.api('GET', `/api/flows/${flowId}`)).json()) as {
      revision: number
    }
    await session.api('PUT', `/api/flows/${flowId}`, {
      revision: draft.revision,
      flow: experimentFlow(flowId, '欢迎光临'),
    })
    await session.api('POST', `/api/flows/${flowId}/publish`, { note: 'B' })
    page = await session.open({ token: e2eToken, hash: '#/experiments' })
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it('creates and starts an experiment with variants, a guardrail and a sample-size estimate', async () => {
    await page.getByRole('button', { name: '新建实验' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('名称', { exact: true }).fill('问候语 A/B')
    await dialog.getByLabel('每个变体做出任何判断前的最少会话数').fill('20')
    await expect.poll(() => dialog.getByTestId('variant-row').count(), { timeout: 10_000 }).toBe(2)
    await dialog.getByTestId('sample-size-estimate').getByText('约需每个变体').waitFor()

    await dialog.getByRole('button', { name: '创建实验' }).click()

    await page.getByRole('heading', { name: /问候语 A\/B/ }).waitFor()
    experimentId = decodeURIComponent(new URL(page.url()).hash.replace('#/experiments/', ''))
    const created = (await (
      await session.api('GET', `/api/experiments/${experimentId}`)
    ).json()) as Experiment
    expect(created).toMatchObject({
      status: 'running',
      minConversations: 20,
      variants: [
        { name: 'A', version: 1 },
        { name: 'B', version: 2 },
      ],
      guardrails: [{ kpi: 'handoffRate', margin: 0.05 }],
    })
    await page.getByTestId('plan').getByText('mSPRT').waitFor()
  })

  it('shows the simulator’s conversations per variant with intervals, p-values and a decision', async () => {
    // The real simulator, as `npm run simulate` runs it, against this server.
    const { stdout } = await run(
      process.execPath,
      [
        join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(projectRoot, 'bench', 'simulate.ts'),
        '--url',
        session.server.url,
        '--token',
        e2eToken,
        '--experiment',
        experimentId,
        '--conversations',
        '300',
        '--resolve',
        'A=0.5,B=0.95',
        '--json',
      ],
      { cwd: projectRoot, timeout: 120_000 },
    )
    const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      tallies: Record<string, { conversations: number }>
    }
    expect(Object.keys(summary.tallies).sort()).toEqual(['A', 'B'])

    await page.getByRole('button', { name: '刷新' }).click()

    const table = page.getByRole('table', { name: '各变体指标' })
    await table.getByText('自动解决率').waitFor()
    await expect
      .poll(() => page.getByTestId('decision').textContent(), { timeout: 10_000 })
      .toContain('变体 B 在主要指标上胜出')
    expect(await table.textContent()).toMatch(/p [<=]/)
    await page.screenshot({ path: join(screenshotDir, 'experiment-results.png'), fullPage: true })
  }, 150_000)

  it('promotes the winner to 100% and ends the experiment', async () => {
    await page.getByRole('button', { name: '将 B 推广到 100%' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '推广', exact: true }).click()

    await page.getByTestId('promoted').waitFor()
    const experiment = (await (
      await session.api('GET', `/api/experiments/${experimentId}`)
    ).json()) as Experiment
    const flow = (await (await session.api('GET', `/api/flows/${flowId}`)).json()) as {
      latestVersion: number
    }
    expect(experiment).toMatchObject({
      status: 'stopped',
      promotedVariant: 'B',
      promotedVersion: 2,
    })
    // B's version 2 already is the latest: it stays the default, no copy is published.
    expect(flow.latestVersion).toBe(2)
    expect(session.problems).toEqual([])
  })
})
