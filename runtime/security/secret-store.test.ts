import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../test/support/test-database.ts'
import { createEnvSecretResolver } from '../services/env-secrets.ts'
import { SecretBox } from './secret-box.ts'
import { createStoredSecretResolver, SecretStore } from './secret-store.ts'

describe('createStoredSecretResolver', () => {
  let db: ReturnType<typeof openTestDatabase>
  let store: SecretStore
  beforeEach(() => {
    db = openTestDatabase()
    store = new SecretStore(db.database, new SecretBox([{ id: 1, key: randomBytes(32) }]))
  })
  afterEach(() => db.remove())

  it('answers from the encrypted store before the environment', async () => {
    await store.put('crmToken', { value: 'from-store' })
    const resolver = createStoredSecretResolver(
      store,
      createEnvSecretResolver({ SECRET_CRMTOKEN: 'from-env' }),
    )

    expect(await resolver.resolve('crmToken')).toBe('from-store')
  })

  it('falls back to SECRET_<NAME>, and to undefined when neither has it', async () => {
    const resolver = createStoredSecretResolver(
      store,
      createEnvSecretResolver({ SECRET_CRMTOKEN: 'from-env' }),
    )

    expect(await resolver.resolve('crmToken')).toBe('from-env')
    expect(await resolver.resolve('other')).toBeUndefined()
  })

  it('stores the value sealed, bound to its name', async () => {
    await store.put('crmToken', { value: 'plain-value' })

    const row = db.database.sqlite.prepare('SELECT value_sealed FROM secrets').get() as {
      value_sealed: string
    }

    expect(row.value_sealed).toMatch(/^sb1\./)
    expect(row.value_sealed).not.toContain('plain-value')
  })
})
