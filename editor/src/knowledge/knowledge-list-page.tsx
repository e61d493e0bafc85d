import { type FormEvent, useEffect, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { useRouteStore } from '../app/route-store.ts'
import { useCan } from '../app/session-store.ts'
import { useT } from '../i18n.ts'
import { createKnowledgeBase, listKnowledgeBases } from './knowledge-api.ts'
import type { KnowledgeBaseSummary } from './knowledge-model.ts'

/** All knowledge bases, and a form to create one (which then opens). */
export function KnowledgeListPage() {
  const t = useT()
  const canEdit = useCan('knowledge.edit')
  const navigate = useRouteStore((s) => s.navigate)
  const [bases, setBases] = useState<KnowledgeBaseSummary[] | null>(null)
  const [error, setError] = useState('')
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [isSaving, setIsSaving] = useState(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once; `t` changes per render
  useEffect(() => {
    listKnowledgeBases().then(setBases, (e: unknown) =>
      setError(t('common.error', { message: errorMessage(e) })),
    )
  }, [])

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setIsSaving(true)
    setError('')
    try {
      const created = await createKnowledgeBase({ name: name.trim(), description })
      navigate({ page: 'knowledge-base', knowledgeBaseId: created.id })
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <main className="page">
      <div className="list-header">
        <h2 id="kb-heading">{t('knowledge.heading')}</h2>
      </div>
      {canEdit && (
        <form className="card inline-form" onSubmit={create}>
          <h3>{t('knowledge.new')}</h3>
          <label>
            {t('knowledge.name')}
            <input required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t('knowledge.description')}
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={isSaving || name.trim() === ''}>
            {t('knowledge.create')}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {bases === null && !error && <p>{t('common.loading')}</p>}
      {bases?.length === 0 && <p>{t('knowledge.empty')}</p>}
      <ul className="flow-list" aria-labelledby="kb-heading">
        {bases?.map((kb) => (
          <li key={kb.id} className="flow-row">
            <div className="flow-row-main">
              <a href={`#/knowledge/${encodeURIComponent(kb.id)}`} className="flow-name">
                {kb.name}
              </a>
              <span className="badge">
                {t('knowledge.counts', { documents: kb.documentCount, chunks: kb.chunkCount })}
              </span>
              {kb.description && <p>{kb.description}</p>}
            </div>
          </li>
        ))}
      </ul>
    </main>
  )
}
