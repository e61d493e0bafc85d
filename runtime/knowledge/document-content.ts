import { z } from 'zod'

export const faqPairSchema = z.object({ question: z.string(), answer: z.string() })
export type FaqPair = z.infer<typeof faqPairSchema>

/**
 * What an uploaded file holds once parsed, stored with the document so that an interrupted
 * ingestion can run again after a restart: prose (Markdown headings when the format has
 * headings) or FAQ pairs, each pair kept whole as one chunk.
 */
export const documentContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), isMarkdown: z.boolean() }),
  z.object({ kind: z.literal('faq'), pairs: z.array(faqPairSchema) }),
])
export type DocumentContent = z.infer<typeof documentContentSchema>

export const documentFormats = ['txt', 'md', 'html', 'pdf', 'docx', 'csv', 'xlsx'] as const
export type DocumentFormat = (typeof documentFormats)[number]
