import { Handle, type NodeProps, Position } from '@xyflow/react'
import { memo } from 'react'
import { NodeStatsBadge } from '../analytics/node-stats-badge.tsx'
import { useT } from '../i18n.ts'
import { findNode } from '../model/node-index.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import type { CanvasNode } from './canvas-model.ts'

/** One node on the canvas: its title, type, problems and one handle per output port. */
export const NodeCard = memo(function NodeCard({ id, data, selected }: NodeProps<CanvasNode>) {
  const t = useT()
  const label = useFlowDraftStore((s) => (s.flow ? findNode(s.flow.nodes, id)?.data.label : ''))
  const classes = [
    'node-card',
    `category-${data.category}`,
    selected ? 'is-selected' : '',
    data.problemSeverity ? `has-${data.problemSeverity}` : '',
    data.isOnPath ? 'is-on-path' : '',
    data.isWaiting ? 'is-waiting' : '',
    data.isUnknownType ? 'is-unknown' : '',
  ]
  return (
    <div className={classes.filter(Boolean).join(' ')} data-node-id={id}>
      <Handle type="target" position={Position.Left} className="node-in" />
      <div className="node-card-head">
        <span className="node-card-type">{data.typeTitle}</span>
        {data.problemSeverity && (
          <span
            className={`node-card-problem ${data.problemSeverity}`}
            title={data.problemText}
            role="img"
            aria-label={data.problemText}
          >
            !
          </span>
        )}
      </div>
      <div className="node-card-title">{label || id}</div>
      {data.isUnknownType && (
        <div className="node-card-note">{t('canvas.unknownType', { type: data.typeTitle })}</div>
      )}
      {data.isWaiting && <div className="node-card-waiting">{t('canvas.waiting')}</div>}
      <NodeStatsBadge nodeId={id} />
      {data.ports.length > 0 && (
        <ul className="node-card-ports">
          {data.ports.map((port) => (
            <li key={port} className={port === 'error' ? 'port error-port' : 'port'}>
              <span>{port}</span>
              <Handle type="source" position={Position.Right} id={port} className="node-out" />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
})
