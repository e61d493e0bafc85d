import { type FormEvent, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { useT } from '../i18n.ts'
import { searchKnowledgeBase } from './knowledge-api.ts'
import type { SearchHitView } from './knowledge-model.ts'

/** Try a query against one knowledge base: hits with score, document and text. */
export function KnowledgeSearch(props: { knowledgeBaseId: string }) {
  const t = useT()
  const [query, setQuery] = useState('')
  const [topK, setTopK] = useState(5)
  const [hits, setHits] = useState<SearchHitView[] | null>(null)
  const [error, setError] = useState('')
  const [isSearching, setIsSearching] = useState(false)

  const search = async (event: FormEvent) => {
    event.preventDefault()
    setIsSearching(true)
    setError('')
    try {
      setHits(await searchKnowledgeBase(props.knowledgeBaseId, query.trim(), topK))
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
    } finally {
      setIsSearching(false)
    }
  }

  return (
    <section className="card" aria-labelledby="kb-search-heading">
      <h3 id="kb-search-heading">{t('knowledge.searchHeading')}</h3>
      <form className="inline-form" onSubmit={search}>
        <label className="grow">
          {t('knowledge.query')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>
          {t('knowledge.topK')}
          <input
            type="number"
            min={1}
            max={50}
            value={topK}
            onChange={(e) => setTopK(Math.min(50, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
        <button type="submit" className="primary" disabled={isSearching || query.trim() === ''}>
          {t('knowledge.search')}
        </button>
      </form>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {hits?.length === 0 && <p>{t('knowledge.noHits')}</p>}
      {hits && hits.length > 0 && (
        <ol className="search-hits" aria-label={t('knowledge.hits')}>
          {hits.map((hit) => (
            <li key={hit.chunkId} className="search-hit">
              <div className="search-hit-head">
                <span className="badge">
                  {t('knowledge.score', { score: hit.score.toFixed(3) })}
                </span>
                <strong>{hit.documentName}</strong>
                {hit.title && <span className="hint">{hit.title}</span>}
              </div>
              <p>{hit.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
