import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser.ts'
import { EditorSession, e2eToken } from './editor-session.ts'

// "Fit view" (on opening a flow and from the toolbar) frames every node where the operator can
// see it: none under the minimap or the zoom controls floating over the canvas.

interface Box {
  x: number
  y: number
  width: number
  height: number
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

describe.skipIf(!hasChromium())('fit view', () => {
  let session: EditorSession

  beforeAll(async () => {
    session = await EditorSession.start()
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  for (const size of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    it(`leaves no node of the example flow under the minimap or the controls at ${size.width}×${size.height}`, async () => {
      const page = await session.open({ token: e2eToken, hash: '#/flows/ecommerce-aftersales' })
      await page.setViewportSize(size)
      await page.locator('.react-flow__node').first().waitFor()
      await page.getByRole('button', { name: '适应画布' }).click()
      await page.waitForTimeout(300)

      const boxes = async (selector: string) =>
        page.locator(selector).evaluateAll((elements) =>
          elements.map((e) => {
            const r = e.getBoundingClientRect()
            return { x: r.x, y: r.y, width: r.width, height: r.height }
          }),
        )
      const nodes = await boxes('.react-flow__node')
      const [minimap] = await boxes('.react-flow__minimap')
      const [controls] = await boxes('.react-flow__controls')

      expect(nodes.length).toBeGreaterThan(3)
      for (const node of nodes) {
        if (minimap) expect(overlaps(node, minimap)).toBe(false)
        if (controls) expect(overlaps(node, controls)).toBe(false)
      }
      await page.close()
    })
  }
})
