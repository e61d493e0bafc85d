import type { KpiGroup } from '../../../shared/index.ts'
import { type MessageKey, useT } from '../i18n.ts'
import { formatMoney, formatMs, formatNumber, formatPercent, meetsTarget } from './kpi-format.ts'

interface Card {
  key: MessageKey
  value: string
  target?: { rate: number | null; target: number }
}

/** The period's KPIs at a glance; the two with targets show whether they meet them. */
export function KpiCards(props: {
  total: KpiGroup | undefined
  targets: { automationResolutionRate: number; csatRate: number }
  currency: string
}) {
  const t = useT()
  const { total, targets } = props
  const rates = total?.rates
  const cards: Card[] = [
    { key: 'analytics.kpi.conversations', value: formatNumber(total?.conversations ?? 0) },
    {
      key: 'analytics.kpi.automationResolutionRate',
      value: formatPercent(rates?.automationResolutionRate),
      target: {
        rate: rates?.automationResolutionRate ?? null,
        target: targets.automationResolutionRate,
      },
    },
    {
      key: 'analytics.kpi.csatRate',
      value: formatPercent(rates?.csatRate),
      target: { rate: rates?.csatRate ?? null, target: targets.csatRate },
    },
    { key: 'analytics.kpi.handoffRate', value: formatPercent(rates?.handoffRate) },
    { key: 'analytics.kpi.abandonmentRate', value: formatPercent(rates?.abandonmentRate) },
    { key: 'analytics.kpi.conversionRate', value: formatPercent(rates?.conversionRate) },
    {
      key: 'analytics.kpi.turnsPerConversation',
      value: formatNumber(rates?.turnsPerConversation, 2),
    },
    { key: 'analytics.kpi.firstResponseP95', value: formatMs(total?.firstResponseMs.p95) },
    {
      key: 'analytics.kpi.tokensPerConversation',
      value: formatNumber(rates?.tokensPerConversation, 0),
    },
    {
      key: 'analytics.kpi.costPerConversation',
      value: formatMoney(rates?.costPerConversation, props.currency),
    },
  ]
  return (
    <ul className="kpi-cards">
      {cards.map((card) => {
        const isMet = card.target ? meetsTarget(card.target.rate, card.target.target) : null
        return (
          <li
            key={card.key}
            className={isMet === null ? 'kpi-card' : `kpi-card ${isMet ? 'meets' : 'misses'}`}
            data-kpi={card.key}
          >
            <span className="kpi-card-label">{t(card.key)}</span>
            <strong className="kpi-card-value">{card.value}</strong>
            {card.target && (
              <span className="kpi-card-target">
                {t('analytics.target', { target: formatPercent(card.target.target) })}
              </span>
            )}
          </li>
        )
      })}
    </ul>
  )
}
