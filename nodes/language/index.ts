import { z } from 'zod'
import { defineNode, localeSchema } from '../../shared/index.ts'
import { detectLanguage } from './detect-language.ts'

/** The locale a language switches the conversation to when a row names none. */
const defaultLocales: Readonly<Record<string, string>> = { zh: 'zh-CN' }

const config = z
  .object({
    languages: z
      .array(
        z.object({
          language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639-1 code such as en'),
          locale: localeSchema.optional(),
        }),
      )
      .max(30)
      .default([
        { language: 'zh', locale: 'zh-CN' },
        { language: 'en', locale: 'en' },
      ])
      .meta({ ui: 'table' }),
    /** Fewer letters than this (a Chinese character counts as one) take `other`. */
    minLength: z.number().int().min(0).max(200).default(2),
    minConfidence: z.number().min(0).max(1).default(0.5),
    setLocale: z.boolean().default(true),
    /**
     * Recorded in the output for reply translation (docs/decisions.md, "language"); the reply
     * node does not act on it yet.
     */
    translateMissing: z.boolean().default(false),
  })
  .superRefine((cfg, check) => {
    const seen = new Set<string>()
    cfg.languages.forEach((row, i) => {
      if (seen.has(row.language)) {
        check.addIssue({
          code: 'custom',
          path: ['languages', i, 'language'],
          message: 'each language once',
        })
      }
      seen.add(row.language)
    })
  })

export default defineNode({
  type: 'language',
  version: 1,
  category: 'understand',
  titles: { 'zh-CN': '语言识别', en: 'Language' },
  descriptions: {
    'zh-CN': '识别客户使用的语言，切换会话语言，并按语言分支。',
    en: "Detects the customer's language, switches the conversation locale and branches by it.",
  },
  config,
  outputs: (cfg) => [...cfg.languages.map((row) => row.language), 'other', 'error'],
  run(ctx, cfg) {
    const detected = detectLanguage(ctx.message.text)
    const base = {
      language: detected.language,
      confidence: detected.confidence,
      translateMissing: cfg.translateMissing,
    }
    if (detected.letters < Math.max(1, cfg.minLength)) {
      return { port: 'other', output: { ...base, reason: 'too_short' } }
    }
    if (detected.confidence < cfg.minConfidence) {
      return { port: 'other', output: { ...base, reason: 'unsure' } }
    }
    const row = cfg.languages.find((r) => r.language === detected.language)
    if (!row) return { port: 'other', output: { ...base, reason: 'not_listed' } }
    const locale = row.locale ?? defaultLocales[row.language] ?? row.language
    if (cfg.setLocale) ctx.setLocale(locale)
    return { port: row.language, output: { ...base, locale } }
  },
})
