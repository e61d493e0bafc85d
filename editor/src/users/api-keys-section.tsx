import { type FormEvent, useEffect, useState } from 'react'
import type { ApiKey } from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { useT } from '../i18n.ts'
import { OneTimeSecret } from './one-time-secret.tsx'
import { createApiKey, listApiKeys, listFlowChoices, revokeApiKey } from './users-api.ts'

/** API keys for channels: scoped to flows, shown once, revocable. */
export function ApiKeysSection() {
  const t = useT()
  const [keys, setKeys] = useState<ApiKey[] | null>(null)
  const [flows, setFlows] = useState<{ id: string; name: string }[]>([])
  const [name, setName] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const [error, setError] = useState('')
  const [secret, setSecret] = useState('')
  const [refresh, setRefresh] = useState(0)

  const fail = (e: unknown) => setError(t('common.error', { message: errorMessage(e) }))

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on `refresh`; `t` changes per render
  useEffect(() => {
    listApiKeys().then(setKeys, fail)
    listFlowChoices().then(setFlows, fail)
  }, [refresh])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (chosen.length === 0) return setError(t('apiKeys.chooseFlow'))
    try {
      const created = await createApiKey(name, chosen)
      setSecret(created.key)
      setName('')
      setChosen([])
      setError('')
      setRefresh((n) => n + 1)
    } catch (e) {
      fail(e)
    }
  }

  const toggle = (flowId: string) =>
    setChosen((ids) =>
      ids.includes(flowId) ? ids.filter((id) => id !== flowId) : [...ids, flowId],
    )

  return (
    <section className="api-keys" aria-labelledby="api-keys-heading">
      <div className="list-header">
        <h2 id="api-keys-heading">{t('apiKeys.heading')}</h2>
      </div>
      <p className="hint">{t('apiKeys.hint')}</p>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {secret && (
        <OneTimeSecret label={t('apiKeys.shownOnce')} value={secret} onDone={() => setSecret('')} />
      )}
      <form className="card api-key-form" onSubmit={submit} aria-label={t('apiKeys.create')}>
        <label>
          {t('apiKeys.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <fieldset>
          <legend>{t('apiKeys.flows')}</legend>
          {flows.map((flow) => (
            <label key={flow.id} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(flow.id)}
                onChange={() => toggle(flow.id)}
              />
              {flow.name} <small>{flow.id}</small>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t('apiKeys.create')}
        </button>
      </form>
      <ul className="flow-list" aria-labelledby="api-keys-heading">
        {keys?.map((key) => (
          <li key={key.id} className="flow-row">
            <div className="flow-row-main">
              <strong>{key.name}</strong>
              <code>{key.keyPrefix}…</code>
              <small>{key.flowIds.join(', ')}</small>
              {key.revokedAt && <span className="badge draft">{t('apiKeys.revoked')}</span>}
              <p>
                {t('apiKeys.lastUsed', {
                  when: key.lastUsedAt
                    ? new Date(key.lastUsedAt).toLocaleString()
                    : t('apiKeys.never'),
                })}
              </p>
            </div>
            {!key.revokedAt && (
              <div className="flow-row-actions">
                <button
                  type="button"
                  className="danger-text"
                  onClick={() =>
                    void revokeApiKey(key.id).then(() => setRefresh((n) => n + 1), fail)
                  }
                >
                  {t('apiKeys.revoke')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
