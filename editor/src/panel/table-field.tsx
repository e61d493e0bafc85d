import { findMessageKey, useT } from '../i18n.ts'
import { type JsonSchema, newRow, objectFields, setField } from '../model/schema-fields.ts'
import { ValueField } from './value-field.tsx'

/** An array of objects as rows (choices, branches, quick replies): one column per property. */
export function TableField(props: {
  id: string
  label: string
  items: JsonSchema
  rows: unknown[]
  onChange(rows: unknown[]): void
}) {
  const t = useT()
  const columns = objectFields(props.items)
  const rows = props.rows.map((row) =>
    typeof row === 'object' && row !== null && !Array.isArray(row)
      ? (row as Record<string, unknown>)
      : {},
  )
  const columnLabel = (name: string, title?: string) => {
    const key = findMessageKey(`field.${name}`)
    return key ? t(key) : (title ?? name)
  }
  const update = (index: number, row: Record<string, unknown>) =>
    props.onChange(rows.map((r, i) => (i === index ? row : r)))

  return (
    <div className="table-field">
      {rows.length > 0 && (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} scope="col">
                  {columnLabel(c.name, c.schema.title)}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column.name}>
                    {column.kind === 'boolean' ? (
                      <input
                        type="checkbox"
                        aria-label={`${columnLabel(column.name, column.schema.title)} ${index + 1}`}
                        checked={row[column.name] === true}
                        onChange={(e) => update(index, setField(row, column, e.target.checked))}
                      />
                    ) : (
                      <ValueField
                        spec={column.kind === 'multiline' ? { ...column, kind: 'text' } : column}
                        id={`${props.id}-${index}-${column.name}`}
                        ariaLabel={`${columnLabel(column.name, column.schema.title)} ${index + 1}`}
                        value={row[column.name] ?? column.schema.default}
                        onChange={(value) => update(index, setField(row, column, value))}
                      />
                    )}
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="icon"
                    aria-label={t('form.removeRow', { index: index + 1 })}
                    onClick={() => props.onChange(rows.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="small"
        onClick={() => props.onChange([...rows, newRow(props.items)])}
      >
        {t('form.addRow')} · {props.label}
      </button>
    </div>
  )
}
