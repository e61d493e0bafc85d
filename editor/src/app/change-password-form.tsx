import { type FormEvent, useState } from 'react'
import { ApiError, apiRequest, errorMessage } from '../api-client.ts'
import { useT } from '../i18n.ts'
import { PasswordField } from './password-field.tsx'
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
        <PasswordField
          id="password-current"
          label={t('password.current')}
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <PasswordField
          id="password-new"
          label={t('password.new')}
          value={next}
          onChange={setNext}
          autoComplete="new-password"
        />
        <PasswordField
          id="password-repeat"
          label={t('password.repeat')}
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
        />
        <button type="submit" className="primary">
          {t('password.save')}
        </button>
      </form>
    </main>
  )
}
