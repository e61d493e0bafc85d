import { describe, expect, it } from 'vitest'
import intent from './index.ts'
import { chineseIntents } from './intent-test-configs.ts'

function problemsOf(config: unknown) {
  const result = intent.config.safeParse(config)
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }))
}

describe('intent config', () => {
  it('fills the defaults: local mode, threshold 0.5, follow-ups on', () => {
    const config = intent.config.parse({ intents: chineseIntents })

    expect(config).toMatchObject({ mode: 'local', threshold: 0.5, useHistory: true })
  })

  it('refuses an intent with fewer than 3 examples, at the path of its examples', () => {
    const intents = [...chineseIntents, { name: 'greet', examples: ['你好', 'hello'] }]

    expect(problemsOf({ intents })).toEqual([
      { path: ['intents', 5, 'examples'], message: 'write at least 3 example utterances' },
    ])
  })

  it('refuses two intents with the same name', () => {
    const intents = [...chineseIntents, { ...chineseIntents[0] }]

    expect(problemsOf({ intents })).toEqual([
      { path: ['intents', 5, 'name'], message: '"return_howto" is used by another intent' },
    ])
  })

  it.each(['fallback', 'error'])('refuses the reserved port name %s as an intent name', (name) => {
    const intents = [{ name, examples: ['a', 'b', 'c'] }]

    expect(problemsOf({ intents })).toEqual([
      { path: ['intents', 0, 'name'], message: `"${name}" is a reserved port name` },
    ])
  })

  it('refuses an intent name that cannot name a port', () => {
    const intents = [{ name: 'refund please', examples: ['a', 'b', 'c'] }]

    expect(problemsOf({ intents })[0]?.path).toEqual(['intents', 0, 'name'])
  })

  it('accepts Chinese intent names', () => {
    expect(problemsOf({ intents: [{ name: '退货', examples: ['a', 'b', 'c'] }] })).toEqual([])
  })

  it('refuses a table without intents and a threshold above 1', () => {
    const paths = problemsOf({ intents: [], threshold: 1.5 }).map((problem) => problem.path)

    expect(paths).toEqual([['intents'], ['threshold']])
  })
})
