import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { initialLocale, type Locale, type MessageKey, translate } from './i18n.ts'

interface FlowSummary {
  id: string
  name: string
  description: string
  latestVersion: number | null
  updatedAt: string
}

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; flows: FlowSummary[] }
  | { kind: 'failed'; message: string }

/** The start page until the editor (issue #7) lands: connect with the token, see the flows. */
export function FlowListPage() {
  const [locale, setLocale] = useState<Locale>(initialLocale)
  const [token, setToken] = useState(() => localStorage.getItem('switchboard.token') ?? '')
  const [tokenInput, setTokenInput] = useState(token)
  const [state, setState] = useState<LoadState>({ kind: 'idle' })
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    translate(locale, key, values)

  const load = useCallback(async (bearer: string) => {
    if (!bearer) return
    setState({ kind: 'loading' })
    const response = await fetch('/api/flows', { headers: { authorization: `Bearer ${bearer}` } })
    const body: unknown = await response.json()
    if (!response.ok) {
      const message =
        typeof body === 'object' &&
        body !== null &&
        'error' in body &&
        typeof body.error === 'object' &&
        body.error !== null &&
        'message' in body.error
          ? String(body.error.message)
          : response.statusText
      setState({ kind: 'failed', message })
      return
    }
    const flows =
      typeof body === 'object' && body !== null && 'flows' in body && Array.isArray(body.flows)
        ? (body.flows as FlowSummary[])
        : []
    setState({ kind: 'loaded', flows })
  }, [])

  useEffect(() => {
    load(token).catch((error: unknown) => setState({ kind: 'failed', message: String(error) }))
  }, [token, load])

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  const connect = (event: FormEvent) => {
    event.preventDefault()
    localStorage.setItem('switchboard.token', tokenInput.trim())
    setToken(tokenInput.trim())
  }
  const switchLocale = () => {
    const next: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN'
    localStorage.setItem('switchboard.locale', next)
    setLocale(next)
  }

  return (
    <main className="page">
      <header className="page-header">
        <h1>{t('app.title')}</h1>
        <button type="button" onClick={switchLocale}>
          {t('app.language')}
        </button>
      </header>
      <p className="subtitle">{t('app.subtitle')}</p>
      <form className="token-form" onSubmit={connect}>
        <label htmlFor="token">{t('token.label')}</label>
        <input
          id="token"
          type="password"
          value={tokenInput}
          onChange={(e) => setTokenInput(e.target.value)}
          autoComplete="off"
        />
        <button type="submit">{t('token.save')}</button>
        <small>{t('token.hint')}</small>
      </form>
      <section aria-labelledby="flows-heading">
        <h2 id="flows-heading">{t('flows.heading')}</h2>
        {state.kind === 'loading' && <p>{t('flows.loading')}</p>}
        {state.kind === 'failed' && (
          <p role="alert">{t('flows.error', { message: state.message })}</p>
        )}
        {state.kind === 'loaded' && state.flows.length === 0 && <p>{t('flows.empty')}</p>}
        {state.kind === 'loaded' && (
          <ul className="flow-list">
            {state.flows.map((flow) => (
              <li key={flow.id}>
                <strong>{flow.name}</strong> <code>{flow.id}</code>
                <span className="badge">
                  {flow.latestVersion === null
                    ? t('flows.draft')
                    : t('flows.published', { version: flow.latestVersion })}
                </span>
                <p>{flow.description}</p>
                <small>
                  {t('flows.updated', { time: new Date(flow.updatedAt).toLocaleString(locale) })}
                </small>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
