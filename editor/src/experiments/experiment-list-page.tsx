import { useEffect, useState } from 'react'
import type { Experiment } from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { useRouteStore } from '../app/route-store.ts'
import { useCan } from '../app/session-store.ts'
import { useT } from '../i18n.ts'
import { listExperiments } from './experiments-api.ts'
import './experiments.css'
import { NewExperimentDialog } from './new-experiment-dialog.tsx'

/** Every experiment, newest first, by flow; designers create new ones here. */
export function ExperimentListPage() {
  const t = useT()
  const navigate = useRouteStore((s) => s.navigate)
  const canRun = useCan('experiments.run')
  const [experiments, setExperiments] = useState<Experiment[] | null>(null)
  const [error, setError] = useState('')
  const [isCreating, setIsCreating] = useState(false)
  const [flowFilter, setFlowFilter] = useState('')

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once; `t` changes per render
  useEffect(() => {
    listExperiments().then(setExperiments, (e: unknown) =>
      setError(t('common.error', { message: errorMessage(e) })),
    )
  }, [])

  const flowIds = [...new Set(experiments?.map((e) => e.flowId) ?? [])].sort()
  const shown = experiments?.filter((e) => flowFilter === '' || e.flowId === flowFilter) ?? []

  return (
    <main className="page experiments-page">
      <div className="list-header">
        <h2 id="experiments-heading">{t('experiments.heading')}</h2>
        {canRun && (
          <button type="button" className="primary" onClick={() => setIsCreating(true)}>
            {t('experiments.new')}
          </button>
        )}
      </div>
      <p className="hint">{t('experiments.intro')}</p>
      {flowIds.length > 1 && (
        <label className="experiments-filter">
          {t('experiments.flow')}
          <select value={flowFilter} onChange={(e) => setFlowFilter(e.target.value)}>
            <option value="">{t('experiments.allFlows')}</option>
            {flowIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {experiments === null && !error && <p>{t('common.loading')}</p>}
      {experiments?.length === 0 && <p>{t('experiments.empty')}</p>}
      {shown.length > 0 && (
        <table className="experiment-table" aria-labelledby="experiments-heading">
          <thead>
            <tr>
              <th>{t('experiments.name')}</th>
              <th>{t('experiments.flow')}</th>
              <th>{t('experiments.status')}</th>
              <th>{t('experiments.variants')}</th>
              <th>{t('experiments.created')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((experiment) => (
              <tr key={experiment.id}>
                <td>
                  <a href={`#/experiments/${encodeURIComponent(experiment.id)}`}>
                    {experiment.name}
                  </a>
                </td>
                <td className="mono">{experiment.flowId}</td>
                <td>
                  <span className={`badge status-${experiment.status}`}>
                    {t(`experiments.status.${experiment.status}`)}
                  </span>
                </td>
                <td>
                  {experiment.variants
                    .map((v) => `${v.name} (v${v.version}, ${v.weight})`)
                    .join(' · ')}
                </td>
                <td>{new Date(experiment.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isCreating && (
        <NewExperimentDialog
          onClose={() => setIsCreating(false)}
          onCreated={(id) => navigate({ page: 'experiment', experimentId: id })}
        />
      )}
    </main>
  )
}
