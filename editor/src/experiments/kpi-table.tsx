import {
  type ExperimentKpi,
  type ExperimentResults,
  experimentKpiNames,
} from '../../../shared/index.ts'
import { useT } from '../i18n.ts'
import { formatDifference, formatKpiValue, formatPValue } from './experiment-format.ts'

/** Every KPI per variant with its 95% interval, and each variant against the control. */
export function KpiTable(props: { results: ExperimentResults }) {
  const t = useT()
  const { variants, comparisons, currency, experiment } = props.results
  const comparisonOf = (kpi: ExperimentKpi, variant: string) =>
    comparisons.find((c) => c.kpi === kpi && c.variant === variant)
  return (
    <table className="experiment-table kpi-table" aria-label={t('experiments.kpis')}>
      <thead>
        <tr>
          <th>{t('experiments.kpi')}</th>
          {variants.map((v) => (
            <th key={v.name} colSpan={v.isControl ? 1 : 2}>
              {v.name} · v{v.version}
              {v.isControl ? ` (${t('experiments.control')})` : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {experimentKpiNames.map((kpi) => (
          <tr key={kpi} className={kpi === experiment.primaryKpi ? 'primary-kpi' : undefined}>
            <th scope="row">{t(`experiments.kpi.${kpi}`)}</th>
            {variants.map((v) => {
              const value = v.kpis[kpi]
              const comparison = comparisonOf(kpi, v.name)
              return [
                <td key={`${v.name}-value`}>
                  <strong>{formatKpiValue(kpi, value.estimate, currency)}</strong>
                  <span className="interval">
                    [{formatKpiValue(kpi, value.low, currency)},{' '}
                    {formatKpiValue(kpi, value.high, currency)}] n={value.sampleSize}
                  </span>
                </td>,
                comparison && (
                  <td key={`${v.name}-diff`} className={`verdict-${comparison.verdict}`}>
                    {formatDifference(kpi, comparison.difference, currency)}
                    <span className="interval">
                      [{formatDifference(kpi, comparison.low, currency)},{' '}
                      {formatDifference(kpi, comparison.high, currency)}]{' '}
                      {formatPValue(comparison.pValue)}
                    </span>
                    <span className="verdict">
                      {t(`experiments.verdict.${comparison.verdict}`)}
                    </span>
                  </td>
                ),
              ]
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
