import { describe, expect, it } from 'vitest'
import { testContext } from '../../shared/index.ts'
import start from './index.ts'

describe('start node', () => {
  it('takes next without sending anything', async () => {
    const ctx = testContext({ text: '你好' })

    const result = await start.run(ctx, start.config.parse({}))

    expect(result).toEqual({ port: 'next' })
    expect(ctx.effects.messages).toEqual([])
  })

  it('has next as its only port', () => {
    expect(start.outputs(start.config.parse({}))).toEqual(['next'])
  })

  it('is titled in Chinese and English', () => {
    expect(start.titles).toMatchObject({ 'zh-CN': '开始', en: 'Start' })
  })
})
