import { experimentFlow } from '../support/experiment-flow.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'

/**
 * A test app with three published versions of `experimentFlow(flowId)` (greetings 您好,
 * 欢迎光临, 第三版) to make variants of. Experiments start many conversations from one token,
 * so the per-credential conversation rate limit is lifted.
 */
export async function experimentTestApp(flowId: string): Promise<TestApp> {
  const t = createTestApp({ security: { conversationLimit: { burst: 10_000, perMinute: 60_000 } } })
  for (const greeting of ['您好', '欢迎光临', '第三版']) {
    await t.publish(experimentFlow(flowId, greeting))
  }
  return t
}
