// Measures the editor with a 500-node flow in headless Chromium: time to first render (page
// load to nodes on screen and validation settled), time per edit (a keystroke in a node's
// label until the next painted frame), time per node drag step, and validateFlow on its own.
// Run: npx tsx bench/editor-render.ts [--nodes 500] [--edits 40]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { builtinNodeTypes } from '../nodes/index.ts'
import { loadConfig } from '../runtime/config.ts'
import { startServer } from '../runtime/server.ts'
import { buildEditorIfStale } from '../scripts/build.mjs'
import { type FlowInput, validateFlow } from '../shared/index.ts'
import { launchChromium } from '../test/support/browser.ts'

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '500' },
    edits: { type: 'string', default: '40' },
    profile: { type: 'boolean', default: false },
  },
})
const nodeCount = Number(values.nodes)
const editCount = Number(values.edits)
const token = 'bench-admin-token-0123456789'
const adminPassword = 'bench-admin-password-0123'

/** start → (ask → condition → reply)* in a grid: the kinds of nodes operators draw most. */
function bigFlow(count: number): FlowInput {
  const nodes: FlowInput['nodes'] = [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { config: {} } },
  ]
  const edges: FlowInput['edges'] = []
  let previous = { id: 'start', port: 'next' }
  for (let i = 1; i < count; i++) {
    const id = `n${i}`
    const position = { x: (i % 25) * 260, y: Math.floor(i / 25) * 180 }
    const kind = i % 3
    const node =
      kind === 1
        ? { type: 'ask', config: { question: `问题 ${i}`, variable: `v${i}` }, port: 'answer' }
        : kind === 2
          ? {
              type: 'condition',
              config: { branches: [{ name: 'yes', condition: `vars.v${i - 1} == "是"` }] },
              port: 'yes',
            }
          : { type: 'reply', config: { text: `第 ${i} 步：{{ vars.v${i - 2} }}` }, port: 'next' }
    nodes.push({ id, type: node.type, position, data: { config: node.config } })
    edges.push({ id: `e${i}`, source: previous.id, sourceHandle: previous.port, target: id })
    previous = { id, port: node.port }
  }
  const variables = Array.from({ length: count }, (_, i) => ({
    name: `v${i}`,
    type: 'string' as const,
  }))
  return { schemaVersion: 1, id: 'big', name: `${count} 个节点`, variables, nodes, edges }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? Number.NaN
}
const ms = (value: number) => Math.round(value * 10) / 10

buildEditorIfStale()
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-editor-'))
const server = await startServer(
  loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    SWITCHBOARD_ADMIN_TOKEN: token,
    SWITCHBOARD_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'silent',
    LOAD_EXAMPLES: 'false',
  }),
  {},
)
const browser = await launchChromium()
try {
  const flow = bigFlow(nodeCount)
  const registry = new Map(builtinNodeTypes.map((t) => [t.type, t]))
  const validateRuns = Array.from({ length: 5 }, () => {
    const t0 = performance.now()
    validateFlow(flow, registry)
    return performance.now() - t0
  })
  const created = await fetch(`${server.url}/api/flows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(flow),
  })
  if (created.status !== 201) throw new Error(`create failed: ${await created.text()}`)

  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } })

  /** A keystroke in the selected node's label, until the frame after React committed it. */
  async function measureEdits(): Promise<number[]> {
    // Passed as source text: tsx would wrap named functions in a helper the page does not have.
    return (await page.evaluate(`(async (count) => {
      const input = document.getElementById('node-label')
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
      const times = []
      for (let i = 0; i < count; i++) {
        const start = performance.now()
        setValue.call(input, 'label ' + i)
        input.dispatchEvent(new Event('input', { bubbles: true }))
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
        times.push(performance.now() - start)
      }
      return times
    })(${editCount})`)) as number[]
  }
  // The editor signs in with a session cookie; page.request shares the page's cookies.
  const signedIn = await page.request.post(`${server.url}/api/auth/sign-in`, {
    data: { login: 'admin', password: adminPassword },
  })
  if (!signedIn.ok()) throw new Error(`sign-in failed: ${await signedIn.text()}`)
  const t0 = performance.now()
  await page.goto(`${server.url}/#/flows/big`)
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 })
  const firstNodesMs = performance.now() - t0
  await page.getByText(/0 (个错误|error)/).waitFor({ timeout: 60_000 })
  const settledMs = performance.now() - t0
  const renderedNodes = await page.locator('.react-flow__node').count()

  await page.locator('.react-flow__node').nth(3).click()
  const cdp = values.profile ? await page.context().newCDPSession(page) : undefined
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  // Where an edit's time goes: script, style, layout (Chromium's own counters, summed over the
  // edits). Paint and raster are the rest of the task time.
  const metricsSession = await page.context().newCDPSession(page)
  await metricsSession.send('Performance.enable')
  const readMetrics = async () => {
    const { metrics } = (await metricsSession.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[]
    }
    return new Map(metrics.map((m) => [m.name, m.value]))
  }
  const metricsBefore = await readMetrics()
  const editTimes = await measureEdits()
  const metricsAfter = await readMetrics()
  const perEditMs = (name: string) =>
    ms((((metricsAfter.get(name) ?? 0) - (metricsBefore.get(name) ?? 0)) * 1000) / editCount)
  const editBreakdown = {
    scriptMs: perEditMs('ScriptDuration'),
    styleMs: perEditMs('RecalcStyleDuration'),
    layoutMs: perEditMs('LayoutDuration'),
    taskMs: perEditMs('TaskDuration'),
  }

  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: {
        nodes: {
          id: number
          callFrame: { functionName: string; url: string; lineNumber: number }
        }[]
        samples: number[]
      }
    }
    const counts = new Map<number, number>()
    for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1)
    const byName = new Map<string, number>()
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`
      byName.set(key, (byName.get(key) ?? 0) + (counts.get(node.id) ?? 0))
    }
    const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)
    for (const [name, samples] of top) console.log(String(samples).padStart(6), name)
  }

  // Dragging a node: each mouse move is an edit of the document (position) and a frame.
  const box = await page.locator('.react-flow__node').nth(5).boundingBox()
  const dragTimes: number[] = []
  if (box) {
    await page.mouse.move(box.x + 20, box.y + 10)
    await page.mouse.down()
    for (let i = 1; i <= editCount; i++) {
      const start = performance.now()
      await page.mouse.move(box.x + 20 + i * 3, box.y + 10 + i * 2)
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))')
      dragTimes.push(performance.now() - start)
    }
    await page.mouse.up()
  }

  // Operators work zoomed in: zoom on the selected node until only a screenful is drawn.
  const selected = await page.locator('.react-flow__node.selected').boundingBox()
  if (selected) {
    await page.mouse.move(selected.x + selected.width / 2, selected.y + selected.height / 2)
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -200)
  }
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))')
  const zoomedNodes = await page.locator('.react-flow__node').count()
  const zoomedEditTimes = await measureEdits()

  const result = {
    nodes: nodeCount,
    edges: flow.edges.length,
    renderedNodes,
    firstNodesMs: ms(firstNodesMs),
    validatedMs: ms(settledMs),
    editMedianMs: ms(median(editTimes)),
    editP95Ms: ms(p95(editTimes)),
    editBreakdown,
    zoomedInRenderedNodes: zoomedNodes,
    zoomedInEditMedianMs: ms(median(zoomedEditTimes)),
    zoomedInEditP95Ms: ms(p95(zoomedEditTimes)),
    dragStepMedianMs: ms(median(dragTimes)),
    dragStepP95Ms: ms(p95(dragTimes)),
    validateFlowMedianMs: ms(median(validateRuns)),
  }
  console.log(JSON.stringify(result))
} finally {
  await browser.close()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
}
