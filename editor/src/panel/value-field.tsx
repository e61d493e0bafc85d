import { useState } from 'react'
import { CodeEditor, type CodeLanguage } from '../code-editor/code-editor.tsx'
import { findMessageKey, type Translate, useT } from '../i18n.ts'
import { type FieldSpec, splitList } from '../model/schema-fields.ts'

/** The input of a single value: text, long text, code, a choice, a number or a list. */
export function ValueField(props: {
  spec: FieldSpec
  id: string
  value: unknown
  onChange(value: unknown): void
  ariaLabel?: string
  /** The visible label, for editors that need a name of their own (Monaco). */
  label?: string
}) {
  const t = useT()
  const { spec, id, value, onChange, ariaLabel, label } = props
  const text = typeof value === 'string' ? value : ''
  const mono = spec.schema.ui === 'expression' || spec.schema.ui === 'variable' ? 'mono' : ''
  switch (spec.kind) {
    case 'multiline':
      return (
        <textarea
          id={id}
          aria-label={ariaLabel}
          rows={3}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )
    case 'code':
      return (
        <CodeEditor
          id={id}
          label={ariaLabel ?? label ?? spec.name}
          language={codeLanguageOf(spec)}
          value={text}
          onChange={onChange}
        />
      )
    case 'enum':
      return (
        <select
          id={id}
          aria-label={ariaLabel}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        >
          {!spec.isRequired && spec.schema.default === undefined && (
            <option value="">{t('form.none')}</option>
          )}
          {(spec.schema.enum ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {optionLabel(t, spec.name, String(option))}
            </option>
          ))}
        </select>
      )
    case 'number':
    case 'integer':
      return (
        <input
          id={id}
          aria-label={ariaLabel}
          type="number"
          step={spec.kind === 'integer' ? 1 : 'any'}
          min={spec.schema.minimum}
          max={spec.schema.maximum}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
        />
      )
    case 'list':
      return (
        <ListInput
          id={id}
          ariaLabel={ariaLabel}
          placeholder={t('form.commaSeparated')}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={onChange}
        />
      )
    default:
      return (
        <input
          id={id}
          aria-label={ariaLabel}
          className={mono}
          spellCheck={mono === ''}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )
  }
}

/** Comma-separated words; the typed text is kept while it means the same list. */
function ListInput(props: {
  id: string
  ariaLabel: string | undefined
  placeholder: string
  value: string[]
  onChange(value: string[]): void
}) {
  const [text, setText] = useState(props.value.join(', '))
  const shown =
    splitList(text).join('\u0000') === props.value.join('\u0000') ? text : props.value.join(', ')
  return (
    <input
      id={props.id}
      aria-label={props.ariaLabel}
      placeholder={props.placeholder}
      value={shown}
      onChange={(e) => {
        setText(e.target.value)
        props.onChange(splitList(e.target.value))
      }}
    />
  )
}

/** Prompts are templates; code is JavaScript, except a field that holds a JSON Schema. */
export function codeLanguageOf(spec: Pick<FieldSpec, 'name' | 'schema'>): CodeLanguage {
  if (spec.schema.ui === 'prompt') return 'template'
  return /json/i.test(spec.name) ? 'json' : 'javascript'
}

/**
 * A choice's label: the catalog's `option.<field>.<value>`, else the value itself (HTTP methods,
 * a custom node type's values).
 */
export function optionLabel(t: Translate, field: string, value: string): string {
  const key = findMessageKey(`option.${field}.${value}`)
  return key ? t(key) : value
}
