import { create } from 'zustand'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'

export type Locale = 'zh-CN' | 'en'
export type MessageKey = keyof typeof zhCN
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en }
const storageKey = 'switchboard.locale'

/** zh-CN unless the operator chose English before (the choice is kept in localStorage). */
export function initialLocale(storage: Pick<Storage, 'getItem'> = localStorage): Locale {
  const saved = storage.getItem(storageKey)
  return saved === 'en' ? 'en' : 'zh-CN'
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

/** For keys built at run time (a field's name): undefined when the catalog has none. */
export function findMessageKey(key: string): MessageKey | undefined {
  return key in zhCN ? (key as MessageKey) : undefined
}

interface LocaleState {
  locale: Locale
  setLocale(locale: Locale): void
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: typeof localStorage === 'undefined' ? 'zh-CN' : initialLocale(),
  setLocale(locale) {
    localStorage.setItem(storageKey, locale)
    document.documentElement.lang = locale
    set({ locale })
  },
}))

/** The translate function of the current locale; re-renders the caller when it changes. */
export function useT(): Translate {
  const locale = useLocaleStore((s) => s.locale)
  return (key, values) => translate(locale, key, values)
}
