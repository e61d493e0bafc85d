import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** Debian's Chromium; browser tests never download a browser of their own. */
export function findChromium(): string | undefined {
  return process.env.CHROMIUM_PATH ?? candidates.find((path) => existsSync(path))
}

/**
 * Whether browser tests can run here. Outside CI a missing Chromium skips them with a loud
 * notice; in CI it is a failure, because there they must run.
 */
export function hasChromium(): boolean {
  if (findChromium()) return true
  const notice =
    'Chromium not found: browser tests are SKIPPED. Install it with `apt-get install -y chromium`.'
  if (process.env.CI) throw new Error(`${notice} CI must run them.`)
  console.warn(`\n${'!'.repeat(notice.length)}\n${notice}\n${'!'.repeat(notice.length)}\n`)
  return false
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('Chromium not found')
  return chromium.launch({
    executablePath,
    headless: true,
    // Without these Chromium keeps calling Google's hosts, which an intranet refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
