import { memo, useMemo } from 'react'
import { useT } from '../i18n.ts'
import { connectPort, removeEdges } from '../model/draft-edits.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

/**
 * Where each output port leads, as one choice per port: connecting nodes without a mouse (the
 * canvas's drag from port to node is pointer-only). Choosing a node joins the port to it,
 * replacing its edge; "not connected" removes it. One undo step each.
 */
export const PortLinks = memo(function PortLinks(props: {
  nodeId: string
  /** The node's ports, one per line: a string, so that memo compares it by value. */
  portList: string
}) {
  const t = useT()
  const { nodeId, portList } = props
  const ports = useMemo(() => (portList === '' ? [] : portList.split('\n')), [portList])
  // Joined into one string so this re-renders only when the possible targets change, not on
  // every keystroke elsewhere (a 500-node flow would redraw 500 options per port).
  const targetList = useFlowDraftStore((s) =>
    (s.flow?.nodes ?? [])
      .filter((n) => n.id !== nodeId && n.type !== 'start')
      .map((n) => `${n.id}\t${n.data.label ?? ''}`)
      .join('\n'),
  )
  const targets = useMemo(
    () =>
      targetList === ''
        ? []
        : targetList.split('\n').map((line) => {
            const [id = '', label = ''] = line.split('\t')
            return { id, label }
          }),
    [targetList],
  )
  const linked = useFlowDraftStore((s) =>
    ports
      .map(
        (port) =>
          s.flow?.edges.find((e) => e.source === nodeId && e.sourceHandle === port)?.target ?? '',
      )
      .join('\n'),
  )
  const linkedTargets = linked.split('\n')
  if (ports.length === 0) return null

  const link = (port: string, target: string) =>
    useFlowDraftStore.getState().edit((f) => {
      if (target !== '') return connectPort(f, { source: nodeId, port, target })
      const old = f.edges.filter((e) => e.source === nodeId && e.sourceHandle === port)
      return removeEdges(f, new Set(old.map((e) => e.id)))
    })

  return (
    <fieldset className="field port-links">
      <legend>{t('panel.portLinks')}</legend>
      {ports.map((port, index) => {
        const id = `port-link-${nodeId}-${port}`
        return (
          <div key={port} className="port-link">
            <label htmlFor={id} className={port === 'error' ? 'mono error-port' : 'mono'}>
              {port} →
            </label>
            <select
              id={id}
              value={linkedTargets[index] ?? ''}
              onChange={(e) => link(port, e.target.value)}
            >
              <option value="">{t('panel.notConnected')}</option>
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.label ? `${target.label} (${target.id})` : target.id}
                </option>
              ))}
            </select>
          </div>
        )
      })}
    </fieldset>
  )
})
