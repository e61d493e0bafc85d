import { create } from 'zustand'
import { errorMessage } from '../api-client.ts'
import { type ExperimentChoice, fetchNodeStats, listFlowExperiments } from './analytics-api.ts'
import { lastDays } from './kpi-format.ts'
import { buildOverlay, mergeVariants, type OverlayNode } from './overlay-model.ts'

// The canvas analytics overlay (DESIGN §10): per node entries, exits per port, drop-offs, errors
// and p95, for the last days or for an experiment's variants side by side.

interface OverlayState {
  isOn: boolean
  flowId: string | null
  days: number
  experiments: ExperimentChoice[]
  /** '' for all conversations of the flow. */
  experimentId: string
  /** Column titles: [''] without an experiment, else the experiment's (first two) variants. */
  shownVariants: string[]
  byNode: ReadonlyMap<string, OverlayNode>
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: string
  toggle(flowId: string): void
  setDays(days: number): void
  setExperiment(experimentId: string): void
  reset(): void
}

const initial = {
  isOn: false,
  flowId: null,
  days: 30,
  experiments: [],
  experimentId: '',
  shownVariants: [''],
  byNode: new Map<string, OverlayNode>(),
  status: 'idle' as const,
  error: '',
}

let requestSeq = 0

async function load(): Promise<void> {
  const { flowId, days, experimentId, experiments } = useOverlayStore.getState()
  if (!flowId) return
  const seq = ++requestSeq
  useOverlayStore.setState({ status: 'loading', error: '' })
  try {
    const experiment = experiments.find((e) => e.id === experimentId)
    const range = experiment?.startedAt
      ? {
          from: experiment.startedAt.slice(0, 10),
          ...(experiment.endedAt ? { to: experiment.endedAt.slice(0, 10) } : {}),
        }
      : lastDays(days, new Date())
    const stats = await fetchNodeStats(flowId, range)
    if (seq !== requestSeq) return
    const shownVariants = experiment ? experiment.variants.slice(0, 2).map((v) => v.name) : ['']
    const byNode = experiment
      ? buildOverlay(stats, shownVariants)
      : buildOverlay([mergeVariants(stats)], [''])
    useOverlayStore.setState({ byNode, shownVariants, status: 'ready' })
  } catch (caught) {
    if (seq === requestSeq)
      useOverlayStore.setState({ status: 'error', error: errorMessage(caught) })
  }
}

export const useOverlayStore = create<OverlayState>((set, get) => ({
  ...initial,
  toggle(flowId) {
    if (get().isOn) {
      set({ isOn: false })
      return
    }
    set({ isOn: true, flowId })
    // Experiments are optional: without the experiments API the overlay still works.
    void listFlowExperiments(flowId)
      .then((experiments) => {
        if (get().flowId === flowId) set({ experiments })
      })
      .catch(() => set({ experiments: [] }))
    void load()
  },
  setDays(days) {
    set({ days })
    void load()
  },
  setExperiment(experimentId) {
    set({ experimentId })
    void load()
  },
  reset() {
    requestSeq++
    set(initial)
  },
}))
