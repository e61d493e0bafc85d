import { describe, expect, it } from 'vitest'
import { testContext } from '../../shared/index.ts'
import end from './index.ts'

describe('end node', () => {
  it('closes the conversation as resolved by default', async () => {
    const ctx = testContext()

    const result = await end.run(ctx, end.config.parse({}))

    expect(result).toEqual({ end: { resolution: 'resolved' }, output: { resolution: 'resolved' } })
    expect(ctx.effects.messages).toEqual([])
  })

  it('closes with the configured resolution', async () => {
    const config = end.config.parse({ resolution: 'unresolved' })

    const result = await end.run(testContext(), config)

    expect(result).toMatchObject({ end: { resolution: 'unresolved' } })
  })

  it('sends the closing message before it closes', async () => {
    const ctx = testContext({ user: { name: '王女士' } })
    const config = end.config.parse({ message: '感谢您的咨询，{{ user.name }}，再见！' })

    await end.run(ctx, config)

    expect(ctx.effects.messages.map((m) => m.text)).toEqual(['感谢您的咨询，王女士，再见！'])
  })

  it('sends the English closing message when the conversation locale is en', async () => {
    const ctx = testContext({ locale: 'en' })
    const config = end.config.parse({ message: '再见！', variants: { en: 'Goodbye!' } })

    await end.run(ctx, config)

    expect(ctx.effects.messages.map((m) => m.text)).toEqual(['Goodbye!'])
  })

  it('has no ports', () => {
    expect(end.outputs(end.config.parse({}))).toEqual([])
  })

  it('rejects an unknown resolution', () => {
    const parsed = end.config.safeParse({ resolution: 'closed' })

    expect(parsed.error?.issues[0]?.path).toEqual(['resolution'])
  })
})
