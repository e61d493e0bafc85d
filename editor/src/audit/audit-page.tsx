import { type FormEvent, useEffect, useState } from 'react'
import { errorMessage } from '../api-client.ts'
import { findMessageKey, useLocaleStore, useT } from '../i18n.ts'
import {
  type AuditRecord,
  type AuditVerification,
  auditExportHref,
  listAudit,
  verifyAudit,
} from './audit-api.ts'
import { type AuditFilters, emptyAuditFilters } from './audit-query.ts'

/** The audit log for admins: filters, the newest rows first, more on demand, and CSV. */
export function AuditPage() {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const [draft, setDraft] = useState<AuditFilters>(emptyAuditFilters)
  const [filters, setFilters] = useState<AuditFilters>(emptyAuditFilters)
  const [records, setRecords] = useState<AuditRecord[] | null>(null)
  const [nextBeforeSeq, setNextBeforeSeq] = useState<number | null>(null)
  const [verification, setVerification] = useState<AuditVerification | null>(null)
  const [error, setError] = useState('')

  const roleLabel = (role: string) => {
    const key = findMessageKey(`role.${role}`)
    return key ? t(key) : role
  }

  const fail = (e: unknown) => setError(t('common.error', { message: errorMessage(e) }))

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the applied filters change; `t` changes per render
  useEffect(() => {
    setRecords(null)
    setError('')
    listAudit(filters).then((page) => {
      setRecords(page.records)
      setNextBeforeSeq(page.nextBeforeSeq)
    }, fail)
  }, [filters])

  const apply = (event: FormEvent) => {
    event.preventDefault()
    setFilters(draft)
  }

  const loadMore = () => {
    if (nextBeforeSeq === null) return
    listAudit(filters, nextBeforeSeq).then((page) => {
      setRecords((shown) => [...(shown ?? []), ...page.records])
      setNextBeforeSeq(page.nextBeforeSeq)
    }, fail)
  }

  const field = (key: keyof AuditFilters, type = 'text') => (
    <label>
      {t(`audit.filter.${key}`)}
      <input
        type={type}
        value={draft[key]}
        placeholder={type === 'text' ? t(`audit.placeholder.${key}`) : undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  )

  return (
    <main className="page audit-page">
      <div className="list-header">
        <h2 id="audit-heading">{t('audit.heading')}</h2>
        <div className="flow-row-actions">
          <button type="button" onClick={() => verifyAudit().then(setVerification, fail)}>
            {t('audit.verify')}
          </button>
          <a className="button" href={auditExportHref(filters)} download>
            {t('audit.exportCsv')}
          </a>
        </div>
      </div>
      <p className="hint">{t('audit.hint')}</p>
      {verification && (
        <p role="status" className={verification.isIntact ? 'notice info' : 'notice error'}>
          {verification.isIntact
            ? t('audit.intact', { rows: verification.rows })
            : t('audit.tampered', {
                count: verification.problems.length,
                first: verification.problems[0]?.message ?? '',
              })}
        </p>
      )}
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      <form className="card audit-filters" onSubmit={apply} aria-label={t('audit.filters')}>
        {field('actor')}
        {field('action')}
        {field('target')}
        {field('from', 'date')}
        {field('to', 'date')}
        <button type="submit" className="primary">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(emptyAuditFilters)
            setFilters(emptyAuditFilters)
          }}
        >
          {t('audit.clear')}
        </button>
      </form>
      {records === null && !error && <p>{t('common.loading')}</p>}
      {records?.length === 0 && <p className="hint">{t('audit.empty')}</p>}
      {records && records.length > 0 && (
        <table className="analytics-table audit-table" aria-labelledby="audit-heading">
          <thead>
            <tr>
              <th>{t('audit.column.at')}</th>
              <th>{t('audit.column.actor')}</th>
              <th>{t('audit.column.action')}</th>
              <th>{t('audit.column.target')}</th>
              <th>{t('audit.column.status')}</th>
              <th>{t('audit.column.ip')}</th>
              <th>{t('audit.column.details')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.seq}>
                <td>{new Date(r.at).toLocaleString(locale)}</td>
                <td>
                  {r.actor.name || t('audit.anonymous')}
                  {r.actor.role && <small> · {roleLabel(r.actor.role)}</small>}
                </td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td className="audit-target">{r.target}</td>
                <td>{r.status}</td>
                <td>{r.ip}</td>
                <td>
                  <details>
                    <summary className="audit-seq">#{r.seq}</summary>
                    <dl className="audit-details">
                      <dt>{t('audit.details.request')}</dt>
                      <dd>
                        <code>
                          {r.method} {r.path}
                        </code>
                      </dd>
                      <dt>{t('audit.details.params')}</dt>
                      <dd>
                        <code>{JSON.stringify(r.params)}</code>
                      </dd>
                      <dt>{t('audit.details.before')}</dt>
                      <dd>
                        <code>{r.beforeDigest ?? '—'}</code>
                      </dd>
                      <dt>{t('audit.details.after')}</dt>
                      <dd>
                        <code>{r.afterDigest ?? '—'}</code>
                      </dd>
                      <dt>{t('audit.details.hash')}</dt>
                      <dd>
                        <code>{r.hash}</code>
                      </dd>
                    </dl>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBeforeSeq !== null && (
        <button type="button" onClick={loadMore}>
          {t('audit.more')}
        </button>
      )}
    </main>
  )
}
