import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ExperimentResults } from '../../../shared/index.ts'
import { useT } from '../i18n.ts'

/** The primary KPI per variant as bars, each beside a floating bar spanning its 95% interval. */
export function PrimaryKpiChart(props: { results: ExperimentResults }) {
  const t = useT()
  const { variants, experiment } = props.results
  const data = variants
    .map((v) => {
      const value = v.kpis[experiment.primaryKpi]
      return {
        name: `${v.name} · v${v.version}`,
        percent: value.estimate * 100,
        // A floating bar from the interval's low to its high end.
        interval: [value.low * 100, value.high * 100],
      }
    })
    .filter((d) => Number.isFinite(d.percent))
  if (data.length === 0) return <p className="hint">{t('experiments.noData')}</p>
  return (
    <figure className="experiment-chart" aria-label={t(`experiments.kpi.${experiment.primaryKpi}`)}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis unit="%" domain={[0, 100]} />
          <Tooltip
            formatter={(value) =>
              Array.isArray(value)
                ? value.map((v) => `${Number(v).toFixed(1)}%`).join(' – ')
                : `${Number(value).toFixed(1)}%`
            }
          />
          <Legend />
          <Bar
            dataKey="percent"
            name={t(`experiments.kpi.${experiment.primaryKpi}`)}
            fill="#3b6fd8"
            isAnimationActive={false}
          />
          <Bar
            dataKey="interval"
            name={t('experiments.interval')}
            fill="#9aa9c9"
            barSize={14}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
      <figcaption>{t(`experiments.kpi.${experiment.primaryKpi}`)}</figcaption>
    </figure>
  )
}
