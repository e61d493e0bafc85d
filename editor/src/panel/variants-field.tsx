import { useT } from '../i18n.ts'

/** Per-locale texts (`{ en: '…' }`): one row per language tag. */
export function VariantsField(props: {
  id: string
  value: unknown
  onChange(value: unknown): void
}) {
  const t = useT()
  const entries = Object.entries(
    typeof props.value === 'object' && props.value !== null ? props.value : {},
  ).map(([locale, text]) => [locale, typeof text === 'string' ? text : ''] as const)
  const write = (next: (readonly [string, string])[]) => props.onChange(Object.fromEntries(next))
  const free = ['en', 'zh-CN', 'zh-TW', 'ja'].find((tag) => !entries.some(([l]) => l === tag))

  return (
    <div className="variants-field">
      {entries.map(([locale, text], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the locale is edited in place
        <div key={index} className="variant-row">
          <input
            aria-label={`${t('form.locale')} ${index + 1}`}
            className="mono locale"
            value={locale}
            onChange={(e) =>
              write(entries.map((entry, i) => (i === index ? [e.target.value, text] : entry)))
            }
          />
          <textarea
            aria-label={`${t('form.text')} ${locale}`}
            rows={2}
            value={text}
            onChange={(e) =>
              write(entries.map((entry, i) => (i === index ? [locale, e.target.value] : entry)))
            }
          />
          <button
            type="button"
            className="icon"
            aria-label={t('form.removeRow', { index: index + 1 })}
            onClick={() => write(entries.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      {free && (
        <button type="button" className="small" onClick={() => write([...entries, [free, '']])}>
          {t('form.addLocale')} · {free}
        </button>
      )}
    </div>
  )
}
