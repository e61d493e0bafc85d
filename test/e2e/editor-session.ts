import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { loadConfig } from '../../runtime/config.ts'
import { type RunningServer, startServer } from '../../runtime/server.ts'
import { launchChromium } from '../support/browser.ts'
import { buildFlow } from '../support/flow-builder.ts'
import { projectRoot } from '../support/server-process.ts'

export const e2eToken = 'e2e-admin-token-0123456789'
/** The password of the `admin` user (SWITCHBOARD_ADMIN_PASSWORD). */
export const e2ePassword = 'e2e-admin-password'
export const screenshotDir = join(projectRoot, 'test', 'e2e', 'screenshots')

/**
 * A real server (example flows seeded) in a temp dir and Chromium. Every page records console
 * errors, page errors and any request that leaves our origin: tests assert there are none.
 */
export class EditorSession {
  readonly problems: string[] = []
  private constructor(
    readonly server: RunningServer,
    readonly browser: Browser,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<EditorSession> {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'))
    const server = await startServer(
      loadConfig({
        PORT: '0',
        DATA_DIR: dataDir,
        SWITCHBOARD_ADMIN_TOKEN: e2eToken,
        SWITCHBOARD_ADMIN_PASSWORD: e2ePassword,
        LOG_LEVEL: 'silent',
      }),
      {},
    )
    return new EditorSession(server, await launchChromium(), dataDir)
  }

  /**
   * A page at `hash`, optionally with the language chosen and signed in: `token: e2eToken` signs
   * in as the admin user (the session cookie is set before the page loads); `role` as a new user
   * of that role.
   */
  async open(
    options: {
      locale?: string
      token?: string
      role?: 'admin' | 'designer' | 'agent' | 'analyst'
      uiLocale?: string
      hash?: string
    } = {},
  ) {
    const page = await this.browser.newPage({
      locale: options.locale ?? 'zh-CN',
      viewport: { width: 1400, height: 860 },
      acceptDownloads: true,
    })
    // Fail a step in seconds, not at the test's timeout, so the report names the step.
    page.setDefaultTimeout(15_000)
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`))
    // Every request must stay on our own origin: intranets have no internet.
    page.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith(this.server.url) && !url.startsWith('blob:') && !url.startsWith('data:'))
        this.problems.push(`external request: ${url}`)
    })
    if (options.uiLocale !== undefined) {
      await page.addInitScript((uiLocale) => {
        localStorage.setItem('switchboard.locale', uiLocale)
      }, options.uiLocale)
    }
    const sessionToken =
      options.role !== undefined
        ? await this.signInAsNewUser(options.role)
        : options.token === e2eToken
          ? await this.signIn('admin', e2ePassword)
          : undefined
    if (sessionToken !== undefined) {
      const { hostname } = new URL(this.server.url)
      await page
        .context()
        .addCookies([{ name: 'sb_session', value: sessionToken, domain: hostname, path: '/api' }])
    }
    await page.goto(`${this.server.url}/${options.hash ?? ''}`)
    return page
  }

  /** Signs in through the API; returns the session cookie's value. */
  async signIn(login: string, password: string): Promise<string> {
    const response = await fetch(`${this.server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    })
    const cookie = /sb_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
    if (!response.ok || !cookie) throw new Error(`sign-in failed: ${await response.text()}`)
    return cookie
  }

  private userCount = 0

  /** Creates a user of `role` (through the admin API) and signs in as them. */
  async signInAsNewUser(role: 'admin' | 'designer' | 'agent' | 'analyst'): Promise<string> {
    this.userCount += 1
    const username = `e2e-${role}-${this.userCount}`
    const password = 'e2e-user-password'
    const created = await this.api('POST', '/api/users', { username, role, password })
    if (created.status !== 201)
      throw new Error(`creating ${username} failed: ${await created.text()}`)
    return this.signIn(username, password)
  }

  async api(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${e2eToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }

  /** Creates a two-node flow (start → reply "你好") and opens it in the editor. */
  async openGreetingFlow(flowId: string): Promise<Page> {
    const created = await this.api(
      'POST',
      '/api/flows',
      buildFlow(
        flowId,
        [
          { id: 'start', type: 'start' },
          { id: 'hello', type: 'reply', config: { text: '你好' } },
        ],
        [['start', 'next', 'hello']],
      ),
    )
    if (created.status !== 201)
      throw new Error(`creating ${flowId} failed: ${await created.text()}`)
    const page = await this.open({ token: e2eToken, hash: `#/flows/${flowId}` })
    await page.locator(`.react-flow__node[data-id="hello"]`).waitFor()
    return page
  }

  async close(): Promise<void> {
    await this.browser.close()
    await this.server.close()
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
}
