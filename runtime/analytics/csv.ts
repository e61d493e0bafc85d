import type { KpiGroup, UnansweredQuestion } from './kpi-definitions.ts'

// Spreadsheet apps run a cell starting with = + - @ as a formula: customer text could.
function cell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function toCsv(header: string[], rows: (string | number | null)[][]): string {
  // A byte-order mark, so Excel opens the Chinese text as UTF-8.
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}

export function kpisToCsv(groups: readonly KpiGroup[], groupBy: string): string {
  const header = [
    groupBy,
    'conversations',
    'closed',
    'resolved_by_bot',
    'automation_resolution_rate',
    'handed_off',
    'handoff_rate',
    'abandoned',
    'abandonment_rate',
    'csat_answers',
    'csat_positive',
    'csat_rate',
    'conversions',
    'conversion_rate',
    'conversion_value',
    'turns_per_conversation',
    'first_response_ms_mean',
    'first_response_ms_p95',
    'tokens',
    'tokens_per_conversation',
    'cost',
    'cost_per_conversation',
  ]
  const rows = groups.map((g) => [
    g.key,
    g.conversations,
    g.closed,
    g.resolvedByBot,
    g.rates.automationResolutionRate,
    g.handedOff,
    g.rates.handoffRate,
    g.abandoned,
    g.rates.abandonmentRate,
    g.csatAnswers,
    g.csatPositive,
    g.rates.csatRate,
    g.conversions,
    g.rates.conversionRate,
    g.conversionValue,
    g.rates.turnsPerConversation,
    g.rates.firstResponseMsMean,
    g.firstResponseMs.p95,
    g.tokens,
    g.rates.tokensPerConversation,
    g.cost,
    g.rates.costPerConversation,
  ])
  return toCsv(header, rows)
}

export function unansweredToCsv(questions: readonly UnansweredQuestion[]): string {
  const header = [
    'question',
    'reason',
    'flow_id',
    'count',
    'last_seen_at',
    'conversation_id',
    'locale',
  ]
  const rows = questions.map((q) => [
    q.question,
    q.reason,
    q.flowId,
    q.count,
    q.lastSeenAt,
    q.conversationId,
    q.locale,
  ])
  return toCsv(header, rows)
}
