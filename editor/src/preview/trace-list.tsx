import { useT } from '../i18n.ts'
import { useSelectionStore } from '../stores/selection-store.ts'
import { usePreviewStore } from './preview-store.ts'
import { formatDuration } from './trace-path.ts'

/** Each turn's node steps with the port taken and the time spent; a step selects its node. */
export function TraceList() {
  const t = useT()
  const turns = usePreviewStore((s) => s.turns)
  return (
    <ol className="trace">
      {turns.map((turn) => (
        <li key={turn.id}>
          <strong>
            {t('chat.turn', { seq: turn.seq })} · {turn.durationMs} ms
          </strong>
          <ol>
            {turn.steps.map((step) => (
              <li key={step.step} className={`trace-step ${step.outcome}`}>
                <button
                  type="button"
                  className="link"
                  onClick={() => useSelectionStore.getState().select([step.nodeId])}
                >
                  {t('chat.step', {
                    node: step.nodeId,
                    port: step.port ?? step.outcome,
                    duration: formatDuration(step.durationUs),
                  })}
                </button>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  )
}
