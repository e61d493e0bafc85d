import { useEffect, useRef } from 'react'
import type { CodeEditorProps } from './code-editor.tsx'
import { monaco, templateLanguageId } from './monaco-setup.ts'

const lineHeightPx = 19
const paddingPx = 8

/** Monaco in a field of the node panel; see CodeEditor. */
export function MonacoField(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const latest = useRef(props)
  latest.current = props
  // Set while the editor shows a value that came from outside (undo, another field), so that
  // showing it is not reported back as an edit.
  const isApplying = useRef(false)
  const { language, maxLines = 14 } = props

  useEffect(() => {
    const container = host.current
    if (!container) return
    const isTemplate = language === 'template'
    const created = monaco.editor.create(container, {
      value: latest.current.value,
      language: isTemplate ? templateLanguageId : language,
      ariaLabel: latest.current.label,
      automaticLayout: true,
      minimap: { enabled: false },
      lineNumbers: isTemplate ? 'off' : 'on',
      lineNumbersMinChars: 3,
      folding: !isTemplate,
      glyphMargin: false,
      wordWrap: isTemplate ? 'on' : 'off',
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      fontSize: 13,
      lineHeight: lineHeightPx,
      padding: { top: paddingPx / 2, bottom: paddingPx / 2 },
      // In prompts Tab moves on to the next control (keyboard users); in code it indents and
      // Ctrl+M switches, as everywhere in Monaco.
      tabFocusMode: isTemplate,
      quickSuggestions: isTemplate ? { other: true, strings: true, comments: false } : true,
      fixedOverflowWidgets: true,
      // A real <textarea>: labelled by the field's <label for>, known to screen readers as a
      // text box, and treated as typing by React Flow's key handling (Space pans otherwise).
      editContext: false,
      scrollbar: { alwaysConsumeMouseWheel: false },
    })
    editor.current = created
    // The visible <label for={id}> names Monaco's input, and tests find it by that label.
    const input = container.querySelector('textarea')
    if (input) input.id = latest.current.id

    const fitHeight = () => {
      const minPx = 3 * lineHeightPx + paddingPx
      const maxPx = maxLines * lineHeightPx + paddingPx
      const heightPx = Math.min(maxPx, Math.max(minPx, created.getContentHeight()))
      container.style.height = `${heightPx}px`
    }
    fitHeight()
    const changes = created.onDidChangeModelContent(() => {
      fitHeight()
      if (!isApplying.current) latest.current.onChange(created.getValue())
    })
    const sizes = created.onDidContentSizeChange(fitHeight)
    return () => {
      changes.dispose()
      sizes.dispose()
      const model = created.getModel()
      created.dispose()
      model?.dispose()
      editor.current = null
    }
  }, [language, maxLines])

  // A value changed from outside (undo, redo, another node): show it, keeping the cursor.
  useEffect(() => {
    const current = editor.current
    if (!current || current.getValue() === props.value) return
    isApplying.current = true
    try {
      const model = current.getModel()
      if (model)
        current.executeEdits('switchboard', [
          { range: model.getFullModelRange(), text: props.value },
        ])
    } finally {
      isApplying.current = false
    }
  }, [props.value])

  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: props.label })
  }, [props.label])

  return (
    <div
      ref={host}
      // nokey: React Flow's shortcuts (Space, Delete) never act on keys typed in here.
      className={props.isInvalid ? 'code-editor nokey is-invalid' : 'code-editor nokey'}
      data-language={language}
      data-field-id={props.id}
    />
  )
}
