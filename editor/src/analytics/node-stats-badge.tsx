import { useT } from '../i18n.ts'
import { formatNumber, formatPercent, formatUs } from './kpi-format.ts'
import type { NodeFigures } from './overlay-model.ts'
import { useOverlayStore } from './overlay-store.ts'

/** On a node card while the overlay is on: its figures, one column per shown variant. */
export function NodeStatsBadge(props: { nodeId: string }) {
  const t = useT()
  const overlay = useOverlayStore((s) => (s.isOn ? s.byNode.get(props.nodeId) : undefined))
  const isOn = useOverlayStore((s) => s.isOn)
  const variants = useOverlayStore((s) => s.shownVariants)
  if (!isOn) return null
  if (!overlay) {
    return <div className="node-stats node-stats-empty">{t('overlay.notReached')}</div>
  }
  const isSideBySide = variants.length > 1
  const row = (label: string, key: string, value: (f: NodeFigures) => string) => (
    <tr key={key} className={overlay.differences.has(key) ? 'is-different' : undefined}>
      <th scope="row">{label}</th>
      {overlay.columns.map((figures, index) => (
        <td key={variants[index] ?? index}>{figures ? value(figures) : '–'}</td>
      ))}
    </tr>
  )
  const ports = [...new Set(overlay.columns.flatMap((f) => f?.exits.map((e) => e.port) ?? []))]
  return (
    <table className="node-stats" data-testid={`node-stats-${props.nodeId}`}>
      {isSideBySide && (
        <thead>
          <tr>
            <td />
            {variants.map((variant) => (
              <th key={variant} scope="col">
                {variant}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {row(t('overlay.entries'), 'reach', (f) =>
          isSideBySide
            ? `${formatNumber(f.entries)} · ${formatPercent(f.reach)}`
            : formatNumber(f.entries),
        )}
        {ports.map((port) =>
          row(`→ ${port}`, `exit:${port}`, (f) => {
            const exit = f.exits.find((e) => e.port === port)
            return exit ? `${formatNumber(exit.count)} · ${formatPercent(exit.share)}` : '0'
          }),
        )}
        {row(
          t('overlay.dropOffs'),
          'dropOffRate',
          (f) => `${formatNumber(f.dropOffs)} · ${formatPercent(f.dropOffRate)}`,
        )}
        {row(t('overlay.errors'), 'errorRate', (f) => formatNumber(f.errors))}
        {row(t('overlay.p95'), 'p95', (f) => formatUs(f.durationP95Us))}
      </tbody>
    </table>
  )
}
