import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectError } from './expect-error.ts'

describe('/api/secrets', () => {
  let t: TestApp
  beforeEach(() => {
    t = createTestApp()
  })
  afterEach(() => t.close())

  it('creates a secret (201) and lists its name and description, never its value', async () => {
    const created = await t.request('PUT', '/api/secrets/crmToken', {
      value: 'crm-live-4f9a1c77',
      description: 'CRM 令牌',
    })
    const listed = await t.request('GET', '/api/secrets')

    expect(created.status).toBe(201)
    const text = await listed.text()
    expect(text).not.toContain('crm-live-4f9a1c77')
    expect(JSON.parse(text)).toEqual({
      secrets: [
        {
          name: 'crmToken',
          description: 'CRM 令牌',
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ],
    })
  })

  it('replaces a value (200), keeping the description when none is sent', async () => {
    await t.request('PUT', '/api/secrets/crmToken', { value: 'old-value', description: 'CRM' })

    const replaced = await t.request('PUT', '/api/secrets/crmToken', { value: 'new-value' })

    expect(replaced.status).toBe(200)
    expect(
      ((await replaced.json()) as { secret: { description: string } }).secret.description,
    ).toBe('CRM')
    expect(await t.secretStore.reveal('crmToken')).toBe('new-value')
  })

  it('deletes a secret, and answers 404 secret_not_found for one that does not exist', async () => {
    await t.request('PUT', '/api/secrets/crmToken', { value: 'v' })

    expect((await t.request('DELETE', '/api/secrets/crmToken')).status).toBe(204)
    await expectError(await t.request('DELETE', '/api/secrets/crmToken'), 404, 'secret_not_found')
    expect((await (await t.request('GET', '/api/secrets')).json()).secrets).toEqual([])
  })

  it('refuses a name the http node could not use, and an empty value, storing nothing', async () => {
    const badName = await t.request('PUT', '/api/secrets/crm-token', { value: 'v' })
    const emptyValue = await t.request('PUT', '/api/secrets/crmToken', { value: '' })

    await expectError(badName, 422, 'invalid_request')
    await expectError(emptyValue, 422, 'invalid_request')
    expect((await (await t.request('GET', '/api/secrets')).json()).secrets).toEqual([])
  })

  it('is for admins only', async () => {
    const designer = t.requestAs('designer')

    await expectError(await designer('GET', '/api/secrets'), 403, 'forbidden')
    await expectError(await designer('PUT', '/api/secrets/x', { value: 'v' }), 403, 'forbidden')
  })
})
