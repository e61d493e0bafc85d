import { type FormEvent, useEffect, useState } from 'react'
import type { TokenPrices } from '../../../shared/index.ts'
import { apiRequest, errorMessage } from '../api-client.ts'
import { useT } from '../i18n.ts'

/** Admins set what 1,000 tokens cost; cost per conversation is computed from it when read. */
export function TokenPricesForm(props: { onSaved(): void }) {
  const t = useT()
  const [prices, setPrices] = useState<TokenPrices | null>(null)
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle')
  const [error, setError] = useState('')

  useEffect(() => {
    apiRequest('GET', '/api/analytics/prices')
      .then((body) => setPrices(body as TokenPrices))
      .catch((caught: unknown) => setError(errorMessage(caught)))
  }, [])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (!prices) return
    setStatus('saving')
    setError('')
    try {
      setPrices((await apiRequest('PUT', '/api/analytics/prices', prices)) as TokenPrices)
      setStatus('saved')
      props.onSaved()
    } catch (caught) {
      setStatus('idle')
      setError(errorMessage(caught))
    }
  }
  const field = (key: 'promptPer1k' | 'completionPer1k') => (
    <label>
      {t(`analytics.prices.${key}`)}{' '}
      <input
        type="number"
        min={0}
        step="any"
        required
        value={prices?.[key] ?? 0}
        onChange={(e) => {
          setStatus('idle')
          setPrices((p) => (p ? { ...p, [key]: Number(e.target.value) } : p))
        }}
      />
    </label>
  )
  return (
    <details className="card token-prices">
      <summary>{t('analytics.prices.heading')}</summary>
      <p className="hint">{t('analytics.prices.hint')}</p>
      {prices && (
        <form className="analytics-filters" onSubmit={(e) => void save(e)}>
          {field('promptPer1k')}
          {field('completionPer1k')}
          <label>
            {t('analytics.prices.currency')}{' '}
            <input
              value={prices.currency}
              maxLength={10}
              required
              size={5}
              onChange={(e) => {
                setStatus('idle')
                setPrices((p) => (p ? { ...p, currency: e.target.value } : p))
              }}
            />
          </label>
          <button type="submit" disabled={status === 'saving'}>
            {t('analytics.prices.save')}
          </button>
          <output aria-live="polite">
            {status === 'saved' ? t('analytics.prices.saved') : ''}
          </output>
        </form>
      )}
      {error && (
        <p role="alert" className="notice error">
          {t('common.error', { message: error })}
        </p>
      )}
    </details>
  )
}
