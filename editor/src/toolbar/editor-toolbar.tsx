import { useReactFlow } from '@xyflow/react'
import { useState } from 'react'
import { LanguageSwitch } from '../app/language-switch.tsx'
import { canvasFitView } from '../canvas/fit-view.ts'
import { autoLayout } from '../commands/canvas-commands.ts'
import { useEditorShortcuts } from '../commands/use-editor-shortcuts.ts'
import { downloadFile } from '../download-file.ts'
import { useT } from '../i18n.ts'
import { flowFileName, serializeFlow } from '../model/flow-file.ts'
import { usePreviewStore } from '../preview/preview-store.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { PublishDialog } from './publish-dialog.tsx'
import { SaveStatus } from './save-status.tsx'
import { ShortcutsHelp } from './shortcuts-help.tsx'
import { VersionHistory } from './version-history.tsx'

/** Above the canvas: the flow's name, save state, undo/redo and the flow-wide actions. */
export function EditorToolbar() {
  const t = useT()
  const name = useFlowDraftStore((s) => s.flow?.name ?? '')
  const latestVersion = useFlowDraftStore((s) => s.latestVersion)
  const canUndo = useFlowDraftStore((s) => s.past.length > 0)
  const canRedo = useFlowDraftStore((s) => s.future.length > 0)
  const isChatOpen = usePreviewStore((s) => s.isOpen)
  const isReadOnly = useFlowDraftStore((s) => s.isReadOnly)
  const { fitView, getNodes, screenToFlowPosition } = useReactFlow()
  const [dialog, setDialog] = useState<'publish' | 'versions' | 'shortcuts' | null>(null)
  const [published, setPublished] = useState<number | null>(null)
  const [restored, setRestored] = useState<number | null>(null)
  const draft = useFlowDraftStore.getState()

  const layout = () => {
    const sizes = new Map<string, { width: number; height: number }>()
    for (const node of getNodes()) {
      if (node.measured?.width && node.measured.height) {
        sizes.set(node.id, { width: node.measured.width, height: node.measured.height })
      }
    }
    void autoLayout(sizes).then(() =>
      // After React Flow has the new positions: show the whole laid-out flow.
      requestAnimationFrame(() => void fitView({ ...canvasFitView, duration: 200 })),
    )
  }
  useEditorShortcuts({
    layout,
    help: () => setDialog('shortcuts'),
    viewCenter: () => {
      const canvas = document.querySelector('.canvas')?.getBoundingClientRect()
      return screenToFlowPosition(
        canvas
          ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
          : { x: 400, y: 300 },
      )
    },
  })

  const exportFlow = () => {
    const { flow } = useFlowDraftStore.getState()
    if (flow) downloadFile(flowFileName(flow), serializeFlow(flow))
  }

  return (
    <header className="editor-toolbar">
      <a href="#/" className="back">
        ← {t('editor.back')}
      </a>
      <input
        className="flow-name-input"
        aria-label={t('editor.flowName')}
        value={name}
        maxLength={200}
        readOnly={isReadOnly}
        onChange={(e) => draft.edit((f) => ({ ...f, name: e.target.value }), 'flow-name')}
      />
      <span className={latestVersion === null ? 'badge draft' : 'badge published'}>
        {latestVersion === null
          ? t('flows.draft')
          : t('flows.published', { version: latestVersion })}
      </span>
      {isReadOnly ? (
        <span className="badge read-only-badge" title={t('editor.readOnlyHint')}>
          {t('editor.readOnly')}
        </span>
      ) : (
        <SaveStatus />
      )}
      <output className="visually-hidden" aria-live="polite">
        {published !== null ? t('publish.done', { version: published }) : ''}
      </output>
      {restored !== null && (
        <output className="restored-note" aria-live="polite">
          {t('restore.done', { version: restored })}
        </output>
      )}
      <div className="toolbar-actions">
        {!isReadOnly && (
          <>
            <button type="button" onClick={draft.undo} disabled={!canUndo} title="Ctrl+Z">
              {t('editor.undo')}
            </button>
            <button type="button" onClick={draft.redo} disabled={!canRedo} title="Ctrl+Shift+Z">
              {t('editor.redo')}
            </button>
          </>
        )}
        <button type="button" onClick={() => void fitView(canvasFitView)}>
          {t('editor.fit')}
        </button>
        {!isReadOnly && (
          <button type="button" onClick={layout} title="Shift+L">
            {t('editor.autoLayout')}
          </button>
        )}
        <button type="button" onClick={exportFlow}>
          {t('editor.export')}
        </button>
        <button type="button" onClick={() => setDialog('versions')}>
          {t('editor.versions')}
        </button>
        {!isReadOnly && (
          <>
            <button
              id="test-chat-toggle"
              type="button"
              aria-pressed={isChatOpen}
              onClick={() => usePreviewStore.getState().setOpen(!isChatOpen)}
            >
              {t('editor.testChat')}
            </button>
            <button type="button" className="primary" onClick={() => setDialog('publish')}>
              {t('editor.publish')}
            </button>
          </>
        )}
        <button
          type="button"
          className="ghost"
          onClick={() => setDialog('shortcuts')}
          title="?"
          aria-keyshortcuts="?"
        >
          {t('editor.shortcuts')}
        </button>
        <LanguageSwitch />
      </div>
      {dialog === 'publish' && (
        <PublishDialog
          onClose={() => setDialog(null)}
          onPublished={(version) => {
            setPublished(version)
            setDialog(null)
          }}
        />
      )}
      {dialog === 'versions' && (
        <VersionHistory
          onClose={() => setDialog(null)}
          onRestored={(version) => {
            setRestored(version)
            setDialog(null)
          }}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutsHelp onClose={() => setDialog(null)} />}
    </header>
  )
}
