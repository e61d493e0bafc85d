import { z } from 'zod'
import { localeSchema, type NodeContext } from '../shared/index.ts'

/**
 * Per-locale versions of a node's text, keyed by BCP 47 tag: `{ en: 'Hello {{ user.name }}' }`.
 * The node's main text is written in the flow's default locale. Nodes add their own default.
 */
export const localizedVariantsSchema = z.record(
  localeSchema,
  z.string().max(4000).meta({ ui: 'template' }),
)

/**
 * Picks the text for a conversation locale: the variant for that exact locale, else the variant
 * for its language (`en` for `en-US`), else `text`. Locale tags compare case-insensitively and a
 * blank variant counts as missing, so an empty row in the editor falls back to `text`.
 */
export function pickLocalizedText(
  text: string,
  variants: Readonly<Record<string, string>>,
  locale: string,
): string {
  const byLocale = new Map(
    Object.entries(variants)
      .filter(([, variant]) => variant.trim() !== '')
      .map(([tag, variant]) => [tag.toLowerCase(), variant]),
  )
  const wanted = locale.toLowerCase()
  const language = wanted.split('-')[0] ?? wanted
  return byLocale.get(wanted) ?? byLocale.get(language) ?? text
}

/**
 * Picks the variant for `ctx.locale` and renders it as a template. Throws ExpressionError when
 * the picked template is malformed.
 */
export function renderLocalizedText(
  ctx: Pick<NodeContext, 'locale' | 'render'>,
  text: string,
  variants: Readonly<Record<string, string>>,
): string {
  return ctx.render(pickLocalizedText(text, variants, ctx.locale))
}

/** Whether a text exists for the locale: a variant for it or its language, or the default's language. */
export function hasTextFor(
  variants: Readonly<Record<string, string>>,
  locale: string,
  defaultLocale: string,
): boolean {
  const language = (tag: string) => tag.toLowerCase().split('-')[0] ?? tag
  if (language(locale) === language(defaultLocale)) return true
  return Object.entries(variants).some(
    ([tag, variant]) =>
      variant.trim() !== '' &&
      (tag.toLowerCase() === locale.toLowerCase() || tag.toLowerCase() === language(locale)),
  )
}
