import { type Interrupt, interruptKinds } from '../../../shared/index.ts'
import { useT } from '../i18n.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

const emptyInterrupts: Interrupt[] = []

/** Global interrupts (flow settings): a row per rule, each jumping to a node of the flow. */
export function InterruptsField() {
  const t = useT()
  const interrupts = useFlowDraftStore((s) => s.flow?.settings.interrupts ?? emptyInterrupts)
  const nodes = useFlowDraftStore((s) => s.flow?.nodes)
  const edit = useFlowDraftStore.getState().edit
  const handoffNode = nodes?.find((n) => n.type === 'handoff')?.id ?? nodes?.[0]?.id ?? ''

  const save = (next: Interrupt[]) =>
    edit((f) => ({ ...f, settings: { ...f.settings, interrupts: next } }), 'flow-interrupts')
  const change = (index: number, patch: Partial<Interrupt>) =>
    save(interrupts.map((interrupt, i) => (i === index ? { ...interrupt, ...patch } : interrupt)))

  return (
    <fieldset className="field interrupts-field">
      <legend>{t('panel.interrupts')}</legend>
      <p className="hint">{t('panel.interruptsHint')}</p>
      {interrupts.map((interrupt, index) => {
        const id = `interrupt-${index}`
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; order is their identity
          <div key={index} className="interrupt-row">
            <label htmlFor={`${id}-kind`}>{t('panel.interruptKind')}</label>
            <select
              id={`${id}-kind`}
              value={interrupt.kind}
              onChange={(e) => {
                const kind = interruptKinds.find((k) => k === e.target.value)
                if (kind) change(index, { kind })
              }}
            >
              {interruptKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`panel.interruptKind.${kind}`)}
                </option>
              ))}
            </select>
            {interrupt.kind === 'phrases' && (
              <>
                <label htmlFor={`${id}-phrases`}>{t('panel.interruptPhrases')}</label>
                <input
                  id={`${id}-phrases`}
                  value={interrupt.phrases.join('，')}
                  onChange={(e) =>
                    change(index, {
                      phrases: e.target.value
                        .split(/[,，]/)
                        .map((p) => p.trim())
                        .filter((p) => p !== ''),
                    })
                  }
                />
              </>
            )}
            {interrupt.kind === 'sentiment' && (
              <>
                <label htmlFor={`${id}-threshold`}>{t('panel.interruptThreshold')}</label>
                <input
                  id={`${id}-threshold`}
                  type="number"
                  min={-1}
                  max={1}
                  step={0.1}
                  value={interrupt.threshold}
                  onChange={(e) => change(index, { threshold: Number(e.target.value) })}
                />
              </>
            )}
            {interrupt.kind === 'fallbacks' && (
              <>
                <label htmlFor={`${id}-count`}>{t('panel.interruptCount')}</label>
                <input
                  id={`${id}-count`}
                  type="number"
                  min={1}
                  max={20}
                  value={interrupt.count}
                  onChange={(e) => change(index, { count: Number(e.target.value) })}
                />
              </>
            )}
            <label htmlFor={`${id}-target`}>{t('panel.interruptTarget')}</label>
            <select
              id={`${id}-target`}
              value={interrupt.target}
              onChange={(e) => change(index, { target: e.target.value })}
            >
              {(nodes ?? []).map((node) => (
                <option key={node.id} value={node.id}>
                  {node.data.label || node.id} ({node.type})
                </option>
              ))}
            </select>
            <button type="button" onClick={() => save(interrupts.filter((_, i) => i !== index))}>
              {t('panel.removeInterrupt')}
            </button>
          </div>
        )
      })}
      <button
        type="button"
        disabled={!handoffNode}
        onClick={() =>
          save([
            ...interrupts,
            {
              kind: 'phrases',
              phrases: ['转人工', '人工客服'],
              threshold: -0.6,
              count: 2,
              target: handoffNode,
            },
          ])
        }
      >
        {t('panel.addInterrupt')}
      </button>
    </fieldset>
  )
}
