import { type FormEvent, useEffect, useState } from 'react'
import { type Role, roles, type User } from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { useSessionStore } from '../app/session-store.ts'
import { useT } from '../i18n.ts'
import { ApiKeysSection } from './api-keys-section.tsx'
import { OneTimeSecret } from './one-time-secret.tsx'
import { createUser, listUsers, type NewUserForm, resetPassword, updateUser } from './users-api.ts'

const emptyForm: NewUserForm = { username: '', email: '', displayName: '', role: 'designer' }

/** Users and API keys (admins only: the nav hides it from others and the server refuses them). */
export function UsersPage() {
  const t = useT()
  const myId = useSessionStore((s) => s.me?.id)
  const [users, setUsers] = useState<User[] | null>(null)
  const [error, setError] = useState('')
  const [form, setForm] = useState<NewUserForm>(emptyForm)
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null)
  const [refresh, setRefresh] = useState(0)

  const fail = (e: unknown) => setError(t('common.error', { message: errorMessage(e) }))
  const reload = () => {
    setError('')
    setRefresh((n) => n + 1)
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on `refresh`; `t` changes per render
  useEffect(() => {
    listUsers().then(setUsers, fail)
  }, [refresh])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const { user, password } = await createUser(form)
      setForm(emptyForm)
      setSecret({ label: t('users.oneTimePassword', { name: user.username }), value: password })
      reload()
    } catch (e) {
      fail(e)
    }
  }

  const change = (user: User, changes: { role?: Role; isDisabled?: boolean }) =>
    updateUser(user.id, changes).then(reload, fail)

  const reset = (user: User) =>
    resetPassword(user.id).then(
      (value) => setSecret({ label: t('users.oneTimePassword', { name: user.username }), value }),
      fail,
    )

  return (
    <main className="page">
      <div className="list-header">
        <h2 id="users-heading">{t('users.heading')}</h2>
      </div>
      <p className="hint">{t('users.hint')}</p>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {secret && (
        <OneTimeSecret label={secret.label} value={secret.value} onDone={() => setSecret(null)} />
      )}
      <form className="card user-form" onSubmit={submit} aria-label={t('users.add')}>
        <label htmlFor="new-user-username">{t('users.username')}</label>
        <input
          id="new-user-username"
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
          required
        />
        <label htmlFor="new-user-email">{t('users.email')}</label>
        <input
          id="new-user-email"
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <label htmlFor="new-user-name">{t('users.displayName')}</label>
        <input
          id="new-user-name"
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
        />
        <label htmlFor="new-user-role">{t('users.role')}</label>
        <select
          id="new-user-role"
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="primary">
          {t('users.add')}
        </button>
      </form>
      {users === null && !error && <p>{t('common.loading')}</p>}
      <ul className="flow-list" aria-labelledby="users-heading">
        {users?.map((user) => (
          <li key={user.id} className="flow-row user-row">
            <div className="flow-row-main">
              <strong>{user.displayName}</strong>
              <small>{user.username}</small>
              {user.email && <small>{user.email}</small>}
              {user.isDisabled && <span className="badge draft">{t('users.disabled')}</span>}
              {user.mustChangePassword && (
                <span className="badge draft">{t('users.mustChangePassword')}</span>
              )}
            </div>
            <div className="flow-row-actions">
              <select
                aria-label={t('users.roleOf', { name: user.username })}
                value={user.role}
                disabled={user.id === myId}
                onChange={(e) => void change(user, { role: e.target.value as Role })}
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {t(`role.${role}`)}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => void reset(user)}>
                {t('users.resetPassword')}
              </button>
              {user.id !== myId && (
                <button
                  type="button"
                  className={user.isDisabled ? undefined : 'danger-text'}
                  onClick={() => void change(user, { isDisabled: !user.isDisabled })}
                >
                  {user.isDisabled ? t('users.enable') : t('users.disable')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ApiKeysSection />
    </main>
  )
}
