import { useLocaleStore, useT } from '../i18n.ts'

/** Toggles zh-CN / en; the button names the language it switches to. */
export function LanguageSwitch() {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const setLocale = useLocaleStore((s) => s.setLocale)
  return (
    <button
      type="button"
      className="ghost"
      title={t('app.languageLabel')}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t('app.language')}
    </button>
  )
}
