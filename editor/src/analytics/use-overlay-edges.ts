import type { Edge } from '@xyflow/react'
import { useMemo } from 'react'
import { formatNumber } from './kpi-format.ts'
import { useOverlayStore } from './overlay-store.ts'

/** While the overlay is on, each edge is labelled with how many left its port (per variant). */
export function useOverlayEdges(edges: Edge[]): Edge[] {
  const isOn = useOverlayStore((s) => s.isOn)
  const byNode = useOverlayStore((s) => s.byNode)
  const variants = useOverlayStore((s) => s.shownVariants)
  return useMemo(() => {
    if (!isOn) return edges
    return edges.map((edge) => {
      const overlay = byNode.get(edge.source)
      if (!overlay || !edge.sourceHandle) return edge
      const port = edge.sourceHandle
      const counts = overlay.columns.map(
        (figures) => figures?.exits.find((e) => e.port === port)?.count ?? 0,
      )
      const label =
        variants.length > 1
          ? counts.map((count, i) => `${variants[i]} ${formatNumber(count)}`).join(' · ')
          : formatNumber(counts[0] ?? 0)
      const isDifferent = overlay.differences.has(`exit:${port}`)
      return {
        ...edge,
        label,
        className: [edge.className, 'overlay-edge', isDifferent ? 'is-different' : '']
          .filter(Boolean)
          .join(' '),
      }
    })
  }, [edges, isOn, byNode, variants])
}
