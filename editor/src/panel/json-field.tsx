import { useState } from 'react'
import { useT } from '../i18n.ts'

/** Any JSON value as text; invalid JSON stays in the box and is not applied. */
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
      <textarea
        id={props.id}
        aria-label={props.label}
        aria-invalid={isInvalid}
        className="mono"
        rows={5}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          try {
            props.onChange(JSON.parse(e.target.value))
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
