import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { ConfirmDeleteDialog } from '../app/confirm-delete-dialog.tsx'
import { useLocaleStore, useT } from '../i18n.ts'
import { SecretDialog } from './secret-dialog.tsx'
import { deleteSecret, listSecrets, type SecretView } from './secrets-api.ts'

type Dialog = { kind: 'add' } | { kind: 'replace' | 'delete'; secret: SecretView } | null

/**
 * Settings → Secrets (admins): named values such as CRM tokens that flows use as
 * `{{ secrets.NAME }}` in the http node. Stored encrypted; the list shows names only.
 */
export function SecretsSection() {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const [secrets, setSecrets] = useState<SecretView[] | null>(null)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  const [dialog, setDialog] = useState<Dialog>(null)
  const [refresh, setRefresh] = useState(0)
  const closeDialog = useCallback(() => setDialog(null), [])

  const fail = (e: unknown) => setError(t('common.error', { message: errorMessage(e) }))

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on `refresh`; `t` changes per render
  useEffect(() => {
    listSecrets().then(setSecrets, fail)
  }, [refresh])

  const saved = (name: string) => {
    setNotice(t('secrets.saved', { name }))
    setDialog(null)
    setRefresh((n) => n + 1)
  }

  const confirmDelete = () => {
    if (dialog?.kind !== 'delete') return
    const { name } = dialog.secret
    setDialog(null)
    deleteSecret(name).then(() => {
      setNotice(t('secrets.deleted', { name }))
      setRefresh((n) => n + 1)
    }, fail)
  }

  return (
    <section className="settings-section" aria-labelledby="secrets-heading">
      <div className="list-header">
        <h2 id="secrets-heading">{t('secrets.heading')}</h2>
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>
          {t('secrets.add')}
        </button>
      </div>
      <p className="hint">{t('secrets.hint')}</p>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="notice info">
          {notice}
        </p>
      )}
      {secrets === null && !error && <p>{t('common.loading')}</p>}
      {secrets?.length === 0 && <p>{t('secrets.empty')}</p>}
      <ul className="flow-list" aria-labelledby="secrets-heading">
        {secrets?.map((secret) => {
          const nameId = `secret-${secret.name}`
          return (
            <li key={secret.name} className="flow-row secret-row">
              <div className="flow-row-main">
                <code id={nameId} className="secret-name">
                  {secret.name}
                </code>
                <span className="badge">{t('secrets.stored')}</span>
                <small>
                  {t('secrets.updated', {
                    time: new Date(secret.updatedAt).toLocaleString(locale),
                  })}
                </small>
                {secret.description && <p>{secret.description}</p>}
              </div>
              <div className="flow-row-actions">
                <button
                  type="button"
                  aria-describedby={nameId}
                  onClick={() => setDialog({ kind: 'replace', secret })}
                >
                  {t('secrets.replace')}
                </button>
                <button
                  type="button"
                  className="danger-text"
                  aria-describedby={nameId}
                  onClick={() => setDialog({ kind: 'delete', secret })}
                >
                  {t('common.delete')}
                </button>
              </div>
            </li>
          )
        })}
      </ul>
      {(dialog?.kind === 'add' || dialog?.kind === 'replace') && (
        <SecretDialog
          replacing={dialog.kind === 'replace' ? dialog.secret : null}
          onSaved={saved}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDeleteDialog
          title={t('secrets.deleteTitle', { name: dialog.secret.name })}
          body={t('secrets.deleteBody')}
          onConfirm={confirmDelete}
          onClose={closeDialog}
        />
      )}
    </section>
  )
}
