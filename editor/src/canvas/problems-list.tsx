import { useReactFlow } from '@xyflow/react'
import { useState } from 'react'
import { useLocaleStore, useT } from '../i18n.ts'
import { problemText } from '../model/problem-text.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { useProblemsStore } from '../stores/problems-store.ts'
import { useSelectionStore } from '../stores/selection-store.ts'

/** Every validation problem of the draft; choosing one selects and shows its node. */
export function ProblemsList() {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const problems = useProblemsStore((s) => s.problems)
  const [isOpen, setIsOpen] = useState(true)
  const { fitView } = useReactFlow()
  const errors = problems.filter((p) => p.severity === 'error').length

  const show = (nodeId: string) => {
    useSelectionStore.getState().select([nodeId])
    void fitView({ nodes: [{ id: nodeId }], duration: 200, maxZoom: 1.2 })
  }
  const sourceOf = (edgeId: string) =>
    useFlowDraftStore.getState().flow?.edges.find((e) => e.id === edgeId)?.source

  return (
    <section className="problems" aria-labelledby="problems-heading">
      <button
        type="button"
        className="problems-toggle"
        aria-expanded={isOpen}
        onClick={() => setIsOpen(!isOpen)}
        id="problems-heading"
      >
        {t('problems.heading')} ·{' '}
        {t('problems.summary', { errors, warnings: problems.length - errors })}
      </button>
      {isOpen && (
        <ul className="problems-list">
          {problems.length === 0 && <li className="problem none">{t('problems.none')}</li>}
          {problems.map((problem, index) => {
            const nodeId = problem.nodeId ?? (problem.edgeId ? sourceOf(problem.edgeId) : undefined)
            const text = `${nodeId ? `${nodeId}: ` : ''}${problemText(problem, locale)}`
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list is rebuilt whole
              <li key={index} className={`problem ${problem.severity}`}>
                {nodeId ? (
                  <button type="button" className="link" onClick={() => show(nodeId)}>
                    {text}
                  </button>
                ) : (
                  <span>{text}</span>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
