import { useEffect, useId, useMemo, useState } from 'react'
import type { Flow } from '../../../shared/index.ts'
import { errorMessage } from '../api-client.ts'
import { Modal } from '../app/modal.tsx'
import { type MessageKey, useT } from '../i18n.ts'
import { CompareCanvas } from './compare-canvas.tsx'
import { diffFlows, type FlowDiff, isEmptyDiff, type NodeDiff } from './diff-flows.ts'
import { diffLines, prettyFlow } from './line-diff.ts'
import { fetchVersionFlow } from './versions-api.ts'
import './versions.css'

/**
 * Two published versions side by side: the changed nodes and edges as a list, the newer one
 * on a read-only canvas with changes highlighted, and the documents as a unified JSON diff.
 */
export function VersionCompare(props: {
  flowId: string
  versions: number[]
  initial: { before: number; after: number }
  onClose(): void
}) {
  const t = useT()
  const beforeId = useId()
  const afterId = useId()
  const [before, setBefore] = useState(props.initial.before)
  const [after, setAfter] = useState(props.initial.after)
  const [flows, setFlows] = useState<{ before: Flow; after: Flow } | null>(null)
  const [error, setError] = useState('')
  const [view, setView] = useState<'canvas' | 'json'>('canvas')

  useEffect(() => {
    let isCurrent = true
    setFlows(null)
    setError('')
    Promise.all([fetchVersionFlow(props.flowId, before), fetchVersionFlow(props.flowId, after)])
      .then(([b, a]) => isCurrent && setFlows({ before: b, after: a }))
      .catch((caught: unknown) => isCurrent && setError(errorMessage(caught)))
    return () => {
      isCurrent = false
    }
  }, [props.flowId, before, after])

  const diff = useMemo(() => (flows ? diffFlows(flows.before, flows.after) : null), [flows])
  const versionOptions = props.versions.map((v) => (
    <option key={v} value={v}>
      v{v}
    </option>
  ))

  return (
    <Modal title={t('compare.title')} onClose={props.onClose} className="modal-wide">
      <div className="compare-pickers">
        <label htmlFor={beforeId}>{t('compare.before')}</label>
        <select id={beforeId} value={before} onChange={(e) => setBefore(Number(e.target.value))}>
          {versionOptions}
        </select>
        <label htmlFor={afterId}>{t('compare.after')}</label>
        <select id={afterId} value={after} onChange={(e) => setAfter(Number(e.target.value))}>
          {versionOptions}
        </select>
        <fieldset className="compare-views">
          <legend className="visually-hidden">{t('compare.view')}</legend>
          <button type="button" aria-pressed={view === 'canvas'} onClick={() => setView('canvas')}>
            {t('compare.viewCanvas')}
          </button>
          <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
            {t('compare.viewJson')}
          </button>
        </fieldset>
      </div>
      {error && <p role="alert">{t('common.error', { message: error })}</p>}
      {!flows && !error && <p>{t('common.loading')}</p>}
      {flows && diff && (
        <div className="compare-body">
          <ChangeList diff={diff} />
          {view === 'canvas' ? (
            <CompareCanvas
              before={flows.before}
              after={flows.after}
              diff={diff}
              label={t('compare.canvas', { before, after })}
            />
          ) : (
            <JsonDiff before={flows.before} after={flows.after} />
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}

const kindKeys = {
  added: 'compare.added',
  removed: 'compare.removed',
  changed: 'compare.changed',
} as const satisfies Record<NodeDiff['kind'], MessageKey>

function ChangeList(props: { diff: FlowDiff }) {
  const t = useT()
  const { diff } = props
  if (isEmptyDiff(diff)) return <p className="compare-list">{t('compare.same')}</p>
  const fieldNames = (fields: string[]) =>
    fields.map((f) => t(`compare.field.${f}` as MessageKey)).join(t('compare.separator'))
  return (
    <ul className="compare-list" aria-label={t('compare.changes')}>
      {diff.flow.length > 0 && (
        <li className="diff-changed">
          {t('compare.flowChanged', { fields: fieldNames(diff.flow) })}
        </li>
      )}
      {diff.nodes.map((d) => (
        <li
          key={`n:${d.id}`}
          className={`diff-${d.isLayoutOnly ? 'moved' : d.kind}`}
          data-node-id={d.id}
        >
          <strong>{t(d.isLayoutOnly ? 'compare.moved' : kindKeys[d.kind])}</strong>{' '}
          {t('compare.node', { id: d.id })}
          {d.fields.length > 0 && !d.isLayoutOnly && ` (${fieldNames(d.fields)})`}
        </li>
      ))}
      {diff.edges.map((d) => (
        <li key={`e:${d.id}`} className={`diff-${d.kind}`}>
          <strong>{t(kindKeys[d.kind])}</strong> {t('compare.edge', { id: d.id })}
          {d.fields.length > 0 && ` (${fieldNames(d.fields)})`}
        </li>
      ))}
    </ul>
  )
}

function JsonDiff(props: { before: Flow; after: Flow }) {
  const t = useT()
  const lines = useMemo(
    () => diffLines(prettyFlow(props.before), prettyFlow(props.after)),
    [props.before, props.after],
  )
  const marks = { same: ' ', added: '+', removed: '-' } as const
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="json-diff" tabIndex={0} aria-label={t('compare.json')}>
      <pre>
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
          <span key={i} className={`diff-line diff-${line.kind}`}>
            {marks[line.kind]} {line.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  )
}
