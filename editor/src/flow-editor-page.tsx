import { ReactFlowProvider } from '@xyflow/react'
import { useCallback, useEffect, useState } from 'react'
import { z } from 'zod'
import { flowSchema } from '../../shared/index.ts'
import { OverlayBar } from './analytics/overlay-bar.tsx'
import { apiRequest, errorMessage } from './api-client.ts'
import { roleCan, useSessionStore } from './app/session-store.ts'
import { FlowCanvas } from './canvas/flow-canvas.tsx'
import { NodePalette } from './canvas/node-palette.tsx'
import { ProblemsList } from './canvas/problems-list.tsx'
import { useT } from './i18n.ts'
import { FlowSettingsPanel } from './panel/flow-settings-panel.tsx'
import { NodePanel } from './panel/node-panel.tsx'
import { usePreviewStore } from './preview/preview-store.ts'
import { TestChatPanel } from './preview/test-chat-panel.tsx'
import { useFlowDraftStore } from './stores/flow-draft-store.ts'
import { useNodeTypesStore } from './stores/node-types-store.ts'
import { useValidation } from './stores/problems-store.ts'
import { useSelectionStore } from './stores/selection-store.ts'
import { useAutoSave } from './stores/use-auto-save.ts'
import { ConflictBanner } from './toolbar/conflict-banner.tsx'
import { EditorToolbar } from './toolbar/editor-toolbar.tsx'

const draftSchema = z.object({
  flow: flowSchema,
  revision: z.number(),
  latestVersion: z.number().nullable(),
})

/** Palette, canvas, problems and the side panel (node form, flow settings or test chat). */
export function FlowEditorPage(props: { flowId: string }) {
  const t = useT()
  const [error, setError] = useState('')
  const isLoaded = useFlowDraftStore((s) => s.flow !== null && s.flowId === props.flowId)
  const isReadOnly = useFlowDraftStore((s) => s.isReadOnly)
  const { flowId } = props

  const load = useCallback(async () => {
    setError('')
    try {
      await useNodeTypesStore.getState().load()
      const draft = draftSchema.parse(
        await apiRequest('GET', `/api/flows/${encodeURIComponent(flowId)}`),
      )
      useSelectionStore.getState().clear()
      usePreviewStore.getState().reset()
      const role = useSessionStore.getState().me?.role
      useFlowDraftStore.getState().load(draft, { isReadOnly: !roleCan(role, 'flows.edit') })
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }, [flowId])

  useEffect(() => {
    useFlowDraftStore.getState().reset()
    void load()
    return () => useFlowDraftStore.getState().reset()
  }, [load])

  if (error) {
    return (
      <main className="page">
        <p role="alert" className="notice error">
          {t('editor.loadFailed', { message: error })}
        </p>
        <button type="button" onClick={() => void load()}>
          {t('common.retry')}
        </button>
      </main>
    )
  }
  if (!isLoaded) return <p className="page">{t('common.loading')}</p>
  return (
    <ReactFlowProvider>
      <div className="editor">
        <DraftWatchers />
        <EditorToolbar />
        <ConflictBanner onReload={() => void load()} />
        <div className={isReadOnly ? 'editor-body read-only' : 'editor-body'}>
          {!isReadOnly && <NodePalette />}
          <div className="canvas-column">
            <OverlayBar flowId={flowId} />
            <FlowCanvas />
            <ProblemsList />
          </div>
          <SidePanel />
        </div>
      </div>
    </ReactFlowProvider>
  )
}

/**
 * Saves and validates the draft after edits. A component of its own so that only it, not
 * the whole page, re-renders on every edit of the document.
 */
function DraftWatchers() {
  const flow = useFlowDraftStore((s) => s.flow)
  const infos = useNodeTypesStore((s) => s.infos)
  useAutoSave()
  useValidation(flow, infos)
  return null
}

function SidePanel() {
  const isChatOpen = usePreviewStore((s) => s.isOpen)
  const isReadOnly = useFlowDraftStore((s) => s.isReadOnly)
  const selected = useSelectionStore((s) => (s.nodeIds.size === 1 ? [...s.nodeIds][0] : undefined))
  if (isChatOpen && !isReadOnly) return <TestChatPanel />
  const panel = selected ? <NodePanel nodeId={selected} /> : <FlowSettingsPanel />
  // A reader sees the forms as they are, every control disabled.
  return isReadOnly ? (
    <fieldset disabled className="read-only-panel">
      {panel}
    </fieldset>
  ) : (
    panel
  )
}
