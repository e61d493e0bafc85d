import { lazy, Suspense, useEffect, useState } from 'react'
import type { KpiGroup, KpiGroupBy, UnansweredQuestion } from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { useRouteStore } from '../app/route-store.ts'
import { useCan } from '../app/session-store.ts'
import { useT } from '../i18n.ts'
import {
  downloadCsv,
  type FlowChoice,
  fetchKpis,
  fetchUnanswered,
  type KpiAnswer,
  listFlows,
} from './analytics-api.ts'
import { KpiCards } from './kpi-cards.tsx'
import { KpiCutTable } from './kpi-cut-table.tsx'
import { lastDays } from './kpi-format.ts'
import { TokenPricesForm } from './token-prices-form.tsx'
import { UnansweredList } from './unanswered-list.tsx'
import './analytics.css'

/** The chart library is large: load it with the first chart, not with the editor. */
const KpiTrendChart = lazy(() =>
  import('./kpi-trend-chart.tsx').then((m) => ({ default: m.KpiTrendChart })),
)

const dayChoices = [7, 30, 90, 365]
const cuts = ['variant', 'channel', 'locale', 'intent', 'version'] as const
type Cut = (typeof cuts)[number]

interface Loaded {
  total: KpiAnswer
  byDay: KpiGroup[]
  byCut: KpiGroup[]
  questions: UnansweredQuestion[]
}

/** The workspace dashboard, or one flow's (`flowId`): KPIs over time, cuts, work list, export. */
export function AnalyticsPage(props: { flowId?: string }) {
  const t = useT()
  const { flowId } = props
  const [flows, setFlows] = useState<FlowChoice[]>([])
  const [days, setDays] = useState(30)
  const [cut, setCut] = useState<Cut>('channel')
  const [cutValue, setCutValue] = useState<string | undefined>(undefined)
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState('')
  const [pricesRevision, setPricesRevision] = useState(0)
  const canSetPrices = useCan('analytics.prices')

  useEffect(() => {
    listFlows()
      .then(setFlows)
      .catch(() => setFlows([]))
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pricesRevision re-reads the costs after prices were saved
  useEffect(() => {
    let isCurrent = true
    const range = lastDays(days, new Date())
    const scope = { ...range, ...(flowId ? { flowId } : {}) }
    const cutFilter =
      cutValue === undefined ? {} : cut === 'version' ? { versions: cutValue } : { [cut]: cutValue }
    setError('')
    Promise.all([
      fetchKpis(scope),
      fetchKpis({ ...scope, ...cutFilter, groupBy: 'day' }),
      fetchKpis({ ...scope, groupBy: cut as KpiGroupBy }),
      fetchUnanswered(scope),
    ])
      .then(([total, byDay, byCut, questions]) => {
        if (isCurrent) setLoaded({ total, byDay: byDay.groups, byCut: byCut.groups, questions })
      })
      .catch((caught: unknown) => {
        if (isCurrent) setError(errorMessage(caught))
      })
    return () => {
      isCurrent = false
    }
  }, [flowId, days, cut, cutValue, pricesRevision])

  const exportCsv = (kind: 'kpis' | 'unanswered', groupBy?: string) => {
    const range = lastDays(days, new Date())
    downloadCsv(kind, { ...range, flowId, groupBy }).catch((caught: unknown) =>
      setError(errorMessage(caught)),
    )
  }
  const flowName = flows.find((f) => f.id === flowId)?.name ?? flowId
  const navigate = useRouteStore.getState().navigate

  return (
    <main className="page analytics-page">
      <header className="analytics-head">
        <h2>
          {flowId ? t('analytics.flowHeading', { name: flowName ?? '' }) : t('analytics.heading')}
        </h2>
        <div className="analytics-filters">
          <label>
            {t('analytics.flow')}{' '}
            <select
              value={flowId ?? ''}
              onChange={(e) =>
                navigate(
                  e.target.value
                    ? { page: 'analytics', flowId: e.target.value }
                    : { page: 'analytics' },
                )
              }
            >
              <option value="">{t('analytics.allFlows')}</option>
              {flows.map((flow) => (
                <option key={flow.id} value={flow.id}>
                  {flow.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('analytics.period')}{' '}
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {dayChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t('analytics.lastDays', { days: choice })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => exportCsv('kpis', 'day')}>
            {t('analytics.exportKpis')}
          </button>
          {flowId && (
            <a href={`#/flows/${encodeURIComponent(flowId)}`}>{t('analytics.openFlow')}</a>
          )}
        </div>
      </header>
      {error && (
        <p role="alert" className="notice error">
          {t('common.error', { message: error })}
        </p>
      )}
      {!loaded && !error && <p>{t('common.loading')}</p>}
      {loaded && (
        <>
          <KpiCards
            total={loaded.total.groups[0]}
            targets={loaded.total.targets}
            currency={loaded.total.currency}
          />
          <section className="card" aria-labelledby="analytics-trend">
            <h3 id="analytics-trend">
              {t('analytics.trend')}
              {cutValue !== undefined && (
                <span className="hint">
                  {' '}
                  · {t(`analytics.cut.${cut}`)} = {cutValue || t('analytics.none')}
                </span>
              )}
            </h3>
            <Suspense fallback={null}>
              <KpiTrendChart days={loaded.byDay} targets={loaded.total.targets} />
            </Suspense>
          </section>
          <section className="card" aria-labelledby="analytics-cuts">
            <h3 id="analytics-cuts">{t('analytics.cuts')}</h3>
            <fieldset className="analytics-filters">
              <legend className="visually-hidden">{t('analytics.cutBy')}</legend>
              {cuts.map((choice) => (
                <button
                  key={choice}
                  type="button"
                  aria-pressed={cut === choice}
                  onClick={() => {
                    setCut(choice)
                    setCutValue(undefined)
                  }}
                >
                  {t(`analytics.cut.${choice}`)}
                </button>
              ))}
              <button type="button" className="ghost" onClick={() => exportCsv('kpis', cut)}>
                {t('analytics.exportCut')}
              </button>
            </fieldset>
            <KpiCutTable groups={loaded.byCut} selected={cutValue} onSelect={setCutValue} />
          </section>
          <section className="card" aria-labelledby="analytics-unanswered">
            <h3 id="analytics-unanswered">{t('analytics.unanswered')}</h3>
            <p className="hint">{t('analytics.unansweredHint')}</p>
            <button type="button" onClick={() => exportCsv('unanswered')}>
              {t('analytics.exportUnanswered')}
            </button>
            <UnansweredList questions={loaded.questions} />
          </section>
          {canSetPrices && <TokenPricesForm onSaved={() => setPricesRevision((r) => r + 1)} />}
        </>
      )}
    </main>
  )
}
