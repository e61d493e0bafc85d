import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { ConfirmDeleteDialog } from '../app/confirm-delete-dialog.tsx'
import { useCan } from '../app/session-store.ts'
import { useT } from '../i18n.ts'
import { ProviderDialog } from './provider-dialog.tsx'
import { createBody, type ProviderForm, type ProviderView, updateBody } from './provider-model.ts'
import { ProviderRow, type TestState } from './provider-row.tsx'
import { SecretsSection } from './secrets-section.tsx'
import {
  createProvider,
  deleteProvider,
  listProviders,
  makeDefaultProvider,
  testProvider,
  updateProvider,
} from './settings-api.ts'

type Editing = { provider: ProviderView | null } | null

/** Settings: the workspace's model providers, and (admins) its secrets. */
export function SettingsPage() {
  const t = useT()
  // Providers and secrets are the admin's; a designer sees which providers exist.
  const canManage = useCan('settings.edit')
  const [providers, setProviders] = useState<ProviderView[] | null>(null)
  const [error, setError] = useState('')
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<ProviderView | null>(null)
  const [tests, setTests] = useState<Record<string, TestState>>({})
  const [refresh, setRefresh] = useState(0)
  const closeEditor = useCallback(() => setEditing(null), [])
  const closeDelete = useCallback(() => setDeleting(null), [])

  const fail = (e: unknown) => setError(t('common.error', { message: errorMessage(e) }))
  const reload = () => {
    setError('')
    setRefresh((n) => n + 1)
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on `refresh`; `t` changes per render
  useEffect(() => {
    listProviders().then((list) => setProviders(list.providers), fail)
  }, [refresh])

  const save = async (form: ProviderForm) => {
    const target = editing?.provider
    if (target) await updateProvider(target.name, updateBody(form))
    else await createProvider(createBody(form))
    setEditing(null)
    reload()
  }

  const runTest = (name: string) => {
    setTests((all) => ({ ...all, [name]: { kind: 'running' } }))
    testProvider(name).then(
      (result) => setTests((all) => ({ ...all, [name]: { kind: 'done', result } })),
      (e: unknown) => {
        setTests(({ [name]: _, ...rest }) => rest)
        fail(e)
      },
    )
  }

  const confirmDelete = () => {
    const target = deleting
    setDeleting(null)
    if (target) deleteProvider(target.name).then(reload, fail)
  }

  return (
    <main className="page">
      <div className="list-header">
        <h2 id="providers-heading">{t('settings.providers')}</h2>
        {canManage && (
          <button type="button" className="primary" onClick={() => setEditing({ provider: null })}>
            {t('settings.add')}
          </button>
        )}
      </div>
      <p className="hint">{t('settings.providersHint')}</p>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {providers === null && !error && <p>{t('common.loading')}</p>}
      <ul className="flow-list" aria-labelledby="providers-heading">
        {providers?.map((provider) => (
          <ProviderRow
            key={provider.name}
            provider={provider}
            test={tests[provider.name]}
            onTest={() => runTest(provider.name)}
            onMakeDefault={() => void makeDefaultProvider(provider.name).then(reload, fail)}
            onEdit={() => setEditing({ provider })}
            onDelete={() => setDeleting(provider)}
            canManage={canManage}
          />
        ))}
      </ul>
      {editing && <ProviderDialog editing={editing.provider} onSave={save} onClose={closeEditor} />}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('settings.deleteTitle', { name: deleting.name })}
          body={t('settings.deleteBody')}
          onConfirm={confirmDelete}
          onClose={closeDelete}
        />
      )}
      {canManage && <SecretsSection />}
    </main>
  )
}
