import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { createLogger } from '../logger.ts'
import { SecretBox } from '../security/index.ts'
import { ReloadableLlmService } from '../services/llm/index.ts'
import { ProviderSettings } from './provider-settings.ts'
import { ProviderStore } from './provider-store.ts'

let db: ReturnType<typeof openTestDatabase> | undefined
afterEach(() => db?.remove())

function settingsWith(key: Buffer, envProviders = []) {
  if (db === undefined) throw new Error('open the database first')
  return new ProviderSettings({
    store: new ProviderStore(db.database, new SecretBox([{ id: 1, key }])),
    envProviders,
    llm: new ReloadableLlmService({ providers: [] }),
    log: createLogger({ isSilent: true }),
  })
}

const body = {
  name: 'deepseek',
  baseUrl: 'https://api.deepseek.com/v1',
  apiKey: 'sk-0123456789abcdef0123',
  chatModel: 'deepseek-chat',
}

describe('ProviderSettings', () => {
  it('lists a provider whose key no longer decrypts with a problem, and leaves it out', async () => {
    db = openTestDatabase()
    await settingsWith(randomBytes(32)).create(body)

    const afterKeyChange = settingsWith(randomBytes(32))
    await afterKeyChange.apply()
    const { providers, defaultProvider } = await afterKeyChange.list()
    const test = await afterKeyChange.test('deepseek', { timeoutMs: 1000 })

    expect(providers.find((p) => p.name === 'deepseek')?.problem).toMatch(/master key/)
    expect(defaultProvider).toBe('offline')
    expect(test).toMatchObject({ ok: false, error: { failure: 'config' } })
  })

  it('reads its providers back with the same master key', async () => {
    db = openTestDatabase()
    const key = randomBytes(32)
    await settingsWith(key).create(body)

    const { providers, defaultProvider } = await settingsWith(key).list()

    expect(providers.find((p) => p.name === 'deepseek')?.problem).toBeNull()
    expect(defaultProvider).toBe('deepseek')
  })
})
