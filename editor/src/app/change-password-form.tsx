import { type FormEvent, useState } from 'react'
import { ApiError, apiRequest, errorMessage } from '../api-client.ts'
import { useT } from '../i18n.ts'
import { useSessionStore } from './session-store.ts'

const minLength = 10

/** Shown instead of the editor while the user still has a one-time password. */
export function ChangePasswordForm() {
  const t = useT()
  const check = useSessionStore((s) => s.check)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [error, setError] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (next.length < minLength) return setError(t('password.tooShort', { count: minLength }))
    if (next !== repeat) return setError(t('password.mismatch'))
    try {
      await apiRequest('POST', '/api/auth/password', {
        currentPassword: current,
        newPassword: next,
      })
      await check()
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'invalid_credentials'
          ? t('password.wrongCurrent')
          : t('common.error', { message: errorMessage(e) }),
      )
    }
  }

  return (
    <main className="page narrow">
      <form className="card token-form" onSubmit={submit}>
        <h2>{t('password.heading')}</h2>
        <p className="hint">{t('password.oneTimeHint')}</p>
        {error && (
          <p role="alert" className="notice error">
            {error}
          </p>
        )}
        <label htmlFor="password-current">{t('password.current')}</label>
        <input
          id="password-current"
          type="password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          autoComplete="current-password"
          required
        />
        <label htmlFor="password-new">{t('password.new')}</label>
        <input
          id="password-new"
          type="password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          autoComplete="new-password"
          required
        />
        <label htmlFor="password-repeat">{t('password.repeat')}</label>
        <input
          id="password-repeat"
          type="password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          autoComplete="new-password"
          required
        />
        <button type="submit" className="primary">
          {t('password.save')}
        </button>
      </form>
    </main>
  )
}
