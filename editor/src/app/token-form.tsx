import { type FormEvent, useState } from 'react'
import { useT } from '../i18n.ts'
import { useSessionStore } from './session-store.ts'

/** Sign-in with the admin token until issue #8 brings user accounts. */
export function TokenForm() {
  const t = useT()
  const setToken = useSessionStore((s) => s.setToken)
  const [value, setValue] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (value.trim() !== '') setToken(value.trim())
  }
  return (
    <main className="page narrow">
      <form className="card token-form" onSubmit={submit}>
        <h2>{t('token.heading')}</h2>
        <label htmlFor="token">{t('token.label')}</label>
        <input
          id="token"
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          // biome-ignore lint/a11y/noAutofocus: the only field on the page
          autoFocus
        />
        <small>{t('token.hint')}</small>
        <button type="submit" className="primary">
          {t('token.save')}
        </button>
      </form>
    </main>
  )
}
