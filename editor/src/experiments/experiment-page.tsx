import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import type { ExperimentResults } from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { Modal } from '../app/modal.tsx'
import { useCan } from '../app/session-store.ts'
import { useT } from '../i18n.ts'
import { formatDifference, formatKpiValue } from './experiment-format.ts'
import { changeStatus, promoteVariant, readResults } from './experiments-api.ts'
import './experiments.css'
import { KpiTable } from './kpi-table.tsx'

/** The chart library is large: load it with the first chart, not with the editor. */
const PrimaryKpiChart = lazy(() =>
  import('./primary-kpi-chart.tsx').then((m) => ({ default: m.PrimaryKpiChart })),
)

const refreshMs = 10_000

/** One experiment: plan, decision, per-variant KPIs with intervals and p-values, actions. */
export function ExperimentPage(props: { experimentId: string }) {
  const t = useT()
  const canRun = useCan('experiments.run')
  const [results, setResults] = useState<ExperimentResults | null>(null)
  const [error, setError] = useState('')
  const [promoting, setPromoting] = useState<string | null>(null)
  const [notice, setNotice] = useState('')

  // biome-ignore lint/correctness/useExhaustiveDependencies: `t` changes per render
  const load = useCallback(async () => {
    try {
      setResults(await readResults(props.experimentId))
      setError('')
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
    }
  }, [props.experimentId])

  const status = results?.experiment.status
  useEffect(() => {
    void load()
    // Results of a running experiment change as conversations arrive (and a guardrail may stop it).
    if (status !== 'running') return
    const timer = setInterval(() => void load(), refreshMs)
    return () => clearInterval(timer)
  }, [load, status])

  const act = async (action: 'start' | 'pause' | 'stop') => {
    try {
      await changeStatus(props.experimentId, action)
      await load()
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
    }
  }

  const promote = async (variant: string) => {
    setPromoting(null)
    try {
      const promoted = await promoteVariant(props.experimentId, variant)
      setNotice(t('experiments.promoted', { variant, version: promoted.version }))
      await load()
    } catch (e) {
      setError(t('common.error', { message: errorMessage(e) }))
    }
  }

  if (!results) {
    return (
      <main className="page experiments-page">
        <a className="back-link" href="#/experiments">
          {t('experiments.back')}
        </a>
        {error ? (
          <p role="alert" className="notice error">
            {error}
          </p>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </main>
    )
  }
  const { experiment, decision, plannedSampleSize, observedSampleSize } = results
  const primary = experiment.primaryKpi
  return (
    <main className="page experiments-page">
      <a className="back-link" href="#/experiments">
        {t('experiments.back')}
      </a>
      <div className="list-header">
        <h2>
          {experiment.name}{' '}
          <span className={`badge status-${experiment.status}`}>
            {t(`experiments.status.${experiment.status}`)}
          </span>
        </h2>
        <div className="toolbar-actions">
          <button type="button" onClick={() => void load()}>
            {t('experiments.refresh')}
          </button>
          {canRun && (experiment.status === 'draft' || experiment.status === 'paused') && (
            <button type="button" className="primary" onClick={() => void act('start')}>
              {t(experiment.status === 'draft' ? 'experiments.start' : 'experiments.resume')}
            </button>
          )}
          {canRun && experiment.status === 'running' && (
            <button type="button" onClick={() => void act('pause')}>
              {t('experiments.pause')}
            </button>
          )}
          {canRun && experiment.status !== 'stopped' && (
            <button type="button" className="danger" onClick={() => void act('stop')}>
              {t('experiments.stop')}
            </button>
          )}
        </div>
      </div>
      <p className="hint">
        {t('experiments.flowLink')}{' '}
        <a href={`#/flows/${encodeURIComponent(experiment.flowId)}`} className="mono">
          {experiment.flowId}
        </a>
        {experiment.description && ` · ${experiment.description}`}
      </p>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {notice && <p className="notice">{notice}</p>}
      {experiment.stopReason === 'guardrail' && experiment.stopDetail && (
        <p role="alert" className="notice error" data-testid="guardrail-stop">
          {t('experiments.stoppedByGuardrail', {
            variant: experiment.stopDetail.variant,
            kpi: t(`experiments.kpi.${experiment.stopDetail.kpi}`),
            difference: formatDifference(
              experiment.stopDetail.kpi,
              experiment.stopDetail.difference,
            ),
            margin: formatKpiValue(experiment.stopDetail.kpi, experiment.stopDetail.margin),
          })}
        </p>
      )}
      {experiment.promotedVariant && (
        <p className="notice" data-testid="promoted">
          {t('experiments.promoted', {
            variant: experiment.promotedVariant,
            version: experiment.promotedVersion ?? '',
          })}
        </p>
      )}

      <section className="card experiment-plan" data-testid="plan">
        <h3>{t('experiments.plan')}</h3>
        <p>
          {t('experiments.planText', {
            kpi: t(`experiments.kpi.${primary}`),
            mde: (experiment.mde * 100).toFixed(1),
            baseline: (experiment.baseline * 100).toFixed(0),
            alpha: experiment.alpha,
            power: Math.round(experiment.power * 100),
            perVariant: plannedSampleSize.perVariant,
            fixed: plannedSampleSize.fixedHorizonPerVariant,
          })}
        </p>
        {observedSampleSize && (
          <p className="hint">
            {t('experiments.observedPlan', { perVariant: observedSampleSize.perVariant })}
          </p>
        )}
        <p className="hint">{t('experiments.method')}</p>
        <ul className="experiment-progress">
          {results.variants.map((v) => (
            <li key={v.name}>
              <span>
                {v.name} · v{v.version} · {t('experiments.weightN', { weight: v.weight })}
              </span>
              <progress
                max={plannedSampleSize.perVariant}
                value={Math.min(v.kpis[primary].sampleSize, plannedSampleSize.perVariant)}
              />
              <span>
                {t('experiments.progress', {
                  n: v.kpis[primary].sampleSize,
                  conversations: v.conversations,
                })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" data-testid="decision">
        <h3>{t('experiments.decision')}</h3>
        <p className={`decision decision-${decision.status}`}>
          {decision.status === 'winner' && decision.winner
            ? t('experiments.decision.winner', { variant: decision.winner })
            : t(`experiments.decision.${decision.status}`)}
        </p>
        {canRun && experiment.promotedVariant === null && (
          <div className="toolbar-actions">
            {results.variants.map((v) => (
              <button
                key={v.name}
                type="button"
                className={decision.winner === v.name ? 'primary' : undefined}
                onClick={() => setPromoting(v.name)}
              >
                {t('experiments.promote', { variant: v.name })}
              </button>
            ))}
          </div>
        )}
      </section>

      <section className="card">
        <Suspense fallback={null}>
          <PrimaryKpiChart results={results} />
        </Suspense>
      </section>
      <section className="card experiment-kpis">
        <h3>{t('experiments.kpis')}</h3>
        <KpiTable results={results} />
        <p className="hint">{t('experiments.kpisHint')}</p>
      </section>

      {promoting && (
        <Modal
          title={t('experiments.promote', { variant: promoting })}
          onClose={() => setPromoting(null)}
        >
          <p>{t('experiments.promoteConfirm', { variant: promoting, flow: experiment.flowId })}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setPromoting(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => void promote(promoting)}>
              {t('experiments.promoteNow')}
            </button>
          </div>
        </Modal>
      )}
    </main>
  )
}
