import { useState } from 'react'
import { CodeEditor } from '../code-editor/code-editor.tsx'
import { useT } from '../i18n.ts'

/** Any JSON value as text (Monaco, validated); invalid JSON stays in the box and is not applied. */
export function JsonField(props: {
  id: string
  label: string
  value: unknown
  onChange(value: unknown): void
}) {
  const t = useT()
  const [text, setText] = useState(() => JSON.stringify(props.value ?? null, null, 2))
  const [isInvalid, setIsInvalid] = useState(false)
  return (
    <>
      <CodeEditor
        id={props.id}
        label={props.label}
        language="json"
        value={text}
        isInvalid={isInvalid}
        onChange={(next) => {
          setText(next)
          try {
            props.onChange(JSON.parse(next))
            setIsInvalid(false)
          } catch {
            setIsInvalid(true)
          }
        }}
      />
      {isInvalid && <small className="field-error">{t('form.jsonInvalid')}</small>}
    </>
  )
}
