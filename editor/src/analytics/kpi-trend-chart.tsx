import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { KpiGroup } from '../../../shared/index.ts'
import { useT } from '../i18n.ts'

/** Automation resolution and CSAT per day, against their target lines. */
export function KpiTrendChart(props: {
  days: readonly KpiGroup[]
  targets: { automationResolutionRate: number; csatRate: number }
}) {
  const t = useT()
  const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10)
  const data = props.days.map((day) => ({
    day: day.key,
    automation: percent(day.rates.automationResolutionRate),
    csat: percent(day.rates.csatRate),
    conversations: day.conversations,
  }))
  if (data.length === 0) return <p className="hint">{t('analytics.noData')}</p>
  const automationName = t('analytics.kpi.automationResolutionRate')
  const csatName = t('analytics.kpi.csatRate')
  return (
    <figure className="analytics-chart" aria-label={t('analytics.trend')}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 10, right: 24, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" minTickGap={24} />
          <YAxis unit="%" domain={[0, 100]} />
          <Tooltip formatter={(value) => `${Number(value).toFixed(1)}%`} />
          <Legend />
          <ReferenceLine
            y={props.targets.automationResolutionRate * 100}
            stroke="#3b6fd8"
            strokeDasharray="6 4"
            label={{
              value: `${automationName} ${props.targets.automationResolutionRate * 100}%`,
              position: 'insideTopLeft',
              fontSize: 11,
            }}
          />
          <ReferenceLine
            y={props.targets.csatRate * 100}
            stroke="#137333"
            strokeDasharray="6 4"
            label={{
              value: `CSAT ${props.targets.csatRate * 100}%`,
              position: 'insideBottomLeft',
              fontSize: 11,
            }}
          />
          <Line
            type="monotone"
            dataKey="automation"
            name={automationName}
            stroke="#3b6fd8"
            dot={data.length < 40}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="csat"
            name={csatName}
            stroke="#137333"
            dot={data.length < 40}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>{t('analytics.trend')}</figcaption>
    </figure>
  )
}
