import type { FitViewOptions } from '@xyflow/react'

/**
 * How "fit view" frames the flow: never above 100 % zoom, and with room kept free at the bottom,
 * where the minimap (bottom right, 90 px high) and the zoom controls (bottom left) float over
 * the canvas, so that no node ends up hidden under them.
 */
export const canvasFitView = {
  maxZoom: 1,
  padding: { top: '24px', right: '24px', bottom: '120px', left: '24px' },
} satisfies FitViewOptions
