import en from './i18n/en.json'
import zhCN from './i18n/zh-CN.json'

export type Locale = 'zh-CN' | 'en'
export type MessageKey = keyof typeof zhCN

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en }

export function initialLocale(): Locale {
  const saved = localStorage.getItem('switchboard.locale')
  if (saved === 'en' || saved === 'zh-CN') return saved
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** Looks a key up in the locale's catalog; `{name}` placeholders are filled from `values`. */
export function translate(
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(values[name] ?? ''),
  )
}
