import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'

describe('the router', () => {
  let t: TestApp
  afterEach(() => t.close())

  // A fixed path segment beside a `/:id` of the same method (GET /a/x next to GET /a/:id) makes
  // Hono give up its RegExp router for a trie router on every request: slower for every turn.
  it('keeps every route on the fast RegExp router', async () => {
    t = createTestApp()
    await t.request('GET', '/api/health')

    const router = t.app.router as unknown as { activeRouter?: { name: string } }
    expect(router.activeRouter?.name).toBe('RegExpRouter')
  })
})
