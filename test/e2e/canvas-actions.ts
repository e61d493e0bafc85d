import type { Locator, Page } from 'playwright-core'

/** Drags a node type from the palette onto the canvas, `at` relative to the canvas's corner. */
export async function dragFromPalette(
  page: Page,
  nodeType: string,
  at: { x: number; y: number },
): Promise<void> {
  await page.dragAndDrop(`.palette [data-node-type="${nodeType}"]`, '.canvas .react-flow__pane', {
    targetPosition: at,
  })
}

export function canvasNode(page: Page, nodeId: string): Locator {
  return page.locator(`.react-flow__node[data-id="${nodeId}"]`)
}

/** Where a handle is once it has stopped moving (fit-view and layout may still be animating). */
async function settledBox(handle: Locator): Promise<{ x: number; y: number }> {
  let previous = await handle.boundingBox()
  for (let i = 0; i < 50; i++) {
    await handle.page().waitForTimeout(50)
    const current = await handle.boundingBox()
    if (previous && current && previous.x === current.x && previous.y === current.y) {
      return { x: current.x + current.width / 2, y: current.y + current.height / 2 }
    }
    previous = current
  }
  throw new Error('a port kept moving or never became visible')
}

/**
 * Drags from a node's output port to another node's input, as an operator does. On a busy
 * machine a drag can start before the canvas has settled; the operator would simply drag
 * again, and so does this, a few times, before failing.
 */
export async function connectPorts(
  page: Page,
  link: { from: string; port: string; to: string },
): Promise<void> {
  const source = canvasNode(page, link.from).locator(
    `.react-flow__handle.source[data-handleid="${link.port}"]`,
  )
  const target = canvasNode(page, link.to).locator('.react-flow__handle.target')
  const edge = page
    .locator(
      `.react-flow__edge[data-id="e-${link.from}-${link.port}-${link.to}"], [data-testid="rf__edge-e-${link.from}-${link.port}-${link.to}"]`,
    )
    .first()
  for (let attempt = 1; ; attempt++) {
    const a = await settledBox(source)
    const b = await settledBox(target)
    await page.mouse.move(a.x, a.y)
    await page.mouse.down()
    await page.mouse.move(b.x, b.y, { steps: 12 })
    await page.mouse.up()
    try {
      await edge.waitFor({ state: 'attached', timeout: 5_000 })
      return
    } catch (error) {
      if (attempt >= 3) throw error
    }
  }
}

/** Waits until the save indicator says the draft is on the server. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('.save-status[data-status="saved"]').waitFor()
}
