import { type FormEvent, useState } from 'react'
import { ApiError, errorMessage } from '../api-client.ts'
import { type Translate, useT } from '../i18n.ts'
import { PasswordField } from './password-field.tsx'
import { useSessionStore } from './session-store.ts'

/** Why a sign-in failed, in the operator's words. */
function signInError(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials') return t('signIn.invalid')
    if (error.code === 'account_locked') {
      const details = error.details
      const seconds =
        typeof details === 'object' && details !== null && 'retryAfterSeconds' in details
          ? Number(details.retryAfterSeconds)
          : 0
      return t('signIn.locked', { seconds })
    }
  }
  return t('common.error', { message: errorMessage(error) })
}

/** User name (or e-mail) and password; the session becomes an HttpOnly cookie. */
export function SignInPage() {
  const t = useT()
  const signIn = useSessionStore((s) => s.signIn)
  const hasExpired = useSessionStore((s) => s.hasExpired)
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState('')
  const [isBusy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError('')
    try {
      await signIn(login.trim(), password)
    } catch (e) {
      setError(signInError(t, e))
      setPassword('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="page narrow">
      <form className="card token-form" onSubmit={submit}>
        <h2>{t('signIn.heading')}</h2>
        {hasExpired && !error && <p className="notice info">{t('signIn.expired')}</p>}
        {error && (
          <p role="alert" className="notice error">
            {error}
          </p>
        )}
        <label htmlFor="sign-in-login">{t('signIn.login')}</label>
        <input
          id="sign-in-login"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          autoComplete="username"
          // biome-ignore lint/a11y/noAutofocus: the first field of the only form on the page
          autoFocus
          required
        />
        <PasswordField
          id="sign-in-password"
          label={t('signIn.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <small>{t('signIn.hint')}</small>
        <button type="submit" className="primary" disabled={isBusy}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  )
}
