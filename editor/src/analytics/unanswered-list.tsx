import type { UnansweredQuestion } from '../../../shared/index.ts'
import { useT } from '../i18n.ts'
import { formatNumber } from './kpi-format.ts'

/** The operators' work list: questions the bot could not answer, most asked first. */
export function UnansweredList(props: { questions: readonly UnansweredQuestion[] }) {
  const t = useT()
  if (props.questions.length === 0) return <p className="hint">{t('analytics.unansweredEmpty')}</p>
  return (
    <table className="analytics-table unanswered-table">
      <thead>
        <tr>
          <th scope="col">{t('analytics.question')}</th>
          <th scope="col">{t('analytics.reason')}</th>
          <th scope="col">{t('analytics.count')}</th>
          <th scope="col">{t('analytics.lastSeen')}</th>
          <th scope="col">{t('analytics.flow')}</th>
          <th scope="col">{t('analytics.conversation')}</th>
        </tr>
      </thead>
      <tbody>
        {props.questions.map((q) => (
          <tr key={`${q.flowId}|${q.reason}|${q.question}`}>
            <td className="question">{q.question}</td>
            <td>{t(`analytics.reason.${q.reason}`)}</td>
            <td>{formatNumber(q.count)}</td>
            <td>{q.lastSeenAt.slice(0, 16).replace('T', ' ')}</td>
            <td>{q.flowId}</td>
            <td>
              <code title={q.conversationId}>{q.conversationId.slice(0, 8)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
