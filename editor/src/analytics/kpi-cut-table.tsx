import type { KpiGroup } from '../../../shared/index.ts'
import { useT } from '../i18n.ts'
import { formatMs, formatNumber, formatPercent } from './kpi-format.ts'

/** One row per value of the cut (variant, channel, locale, intent or version). */
export function KpiCutTable(props: {
  groups: readonly KpiGroup[]
  selected: string | undefined
  onSelect(key: string | undefined): void
}) {
  const t = useT()
  if (props.groups.length === 0) return <p className="hint">{t('analytics.noData')}</p>
  return (
    <table className="analytics-table kpi-cut-table">
      <thead>
        <tr>
          <th scope="col">{t('analytics.cutValue')}</th>
          <th scope="col">{t('analytics.kpi.conversations')}</th>
          <th scope="col">{t('analytics.kpi.automationResolutionRate')}</th>
          <th scope="col">{t('analytics.kpi.csatRate')}</th>
          <th scope="col">{t('analytics.kpi.handoffRate')}</th>
          <th scope="col">{t('analytics.kpi.abandonmentRate')}</th>
          <th scope="col">{t('analytics.kpi.conversionRate')}</th>
          <th scope="col">{t('analytics.kpi.firstResponseP95')}</th>
        </tr>
      </thead>
      <tbody>
        {props.groups.map((group) => {
          const isSelected = props.selected === group.key
          return (
            <tr key={group.key} className={isSelected ? 'is-selected' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  aria-pressed={isSelected}
                  onClick={() => props.onSelect(isSelected ? undefined : group.key)}
                >
                  {group.key === '' ? t('analytics.none') : group.key}
                </button>
              </th>
              <td>{formatNumber(group.conversations)}</td>
              <td>{formatPercent(group.rates.automationResolutionRate)}</td>
              <td>{formatPercent(group.rates.csatRate)}</td>
              <td>{formatPercent(group.rates.handoffRate)}</td>
              <td>{formatPercent(group.rates.abandonmentRate)}</td>
              <td>{formatPercent(group.rates.conversionRate)}</td>
              <td>{formatMs(group.firstResponseMs.p95)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
