import { lazy, Suspense } from 'react'

export type CodeLanguage = 'javascript' | 'json' | 'template'

export interface CodeEditorProps {
  id: string
  /** The accessible name; the field's visible <label for={id}> names it too. */
  label: string
  value: string
  language: CodeLanguage
  onChange(value: string): void
  /** Height in lines before it scrolls; it grows with its content up to this. */
  maxLines?: number
  isInvalid?: boolean
}

// Monaco is a few megabytes: it is fetched the first time a code, prompt or JSON field is shown,
// never for the canvas or the other pages. If it cannot be fetched (the server was upgraded
// under an open tab, or is unreachable) the field stays the plain text area, which works.
const MonacoField = lazy(() =>
  import('./monaco-field.tsx').then(
    (m) => ({ default: m.MonacoField }),
    () => ({ default: PlainCodeField }),
  ),
)

/**
 * A code, prompt or JSON editor (Monaco: highlighting, `{{ }}` completion of the flow's
 * variables in prompts, JSON validation). Until Monaco has loaded, a plain text area with the
 * same id and label is already editable.
 */
export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense fallback={<PlainCodeField {...props} />}>
      <MonacoField {...props} />
    </Suspense>
  )
}

function PlainCodeField(props: CodeEditorProps) {
  return (
    <textarea
      id={props.id}
      aria-label={props.label}
      aria-invalid={props.isInvalid}
      className="mono"
      rows={Math.min(props.maxLines ?? 8, 8)}
      spellCheck={false}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  )
}
