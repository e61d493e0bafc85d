import { z } from 'zod'
import { jsonValueSchema, variableSchema } from '../../shared/index.ts'
import { parsePath } from './read-path.ts'

const rowSchema = z.object({
  name: z.string().trim().min(1).max(200),
  value: z.string().max(4000).default('').meta({ ui: 'template' }),
})

const headerRowSchema = rowSchema.extend({
  name: z
    .string()
    .trim()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name')
    .max(200),
})

const mappingSchema = z.object({
  variable: variableSchema.shape.name.meta({ ui: 'variable' }),
  /** Where in the response body: `data.items[0].status`; empty for the whole body. */
  path: z
    .string()
    .max(500)
    .default('')
    .refine((path) => typeof parsePath(path) !== 'string', 'not a valid path'),
})

export const httpConfigSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    url: z.string().trim().min(1, 'enter a URL').max(2000).meta({ ui: 'template' }),
    query: z.array(rowSchema).max(50).default([]).meta({ ui: 'table' }),
    headers: z.array(headerRowSchema).max(50).default([]).meta({ ui: 'table' }),
    bodyType: z.enum(['none', 'json', 'text', 'form']).default('none'),
    /** For `json`: every string in it is a template. */
    json: jsonValueSchema.default({}),
    text: z.string().max(100_000).default('').meta({ ui: 'prompt' }),
    form: z.array(rowSchema).max(50).default([]).meta({ ui: 'table' }),
    /** A secret by name, never its value: the runtime looks it up when the node runs. */
    auth: z
      .object({
        secret: z
          .string()
          .regex(
            /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
            'letters, digits and _ only, starting with a letter',
          ),
        scheme: z.string().max(50).default('Bearer'),
        header: headerRowSchema.shape.name.default('Authorization'),
      })
      .optional(),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
    retries: z.number().int().min(0).max(5).default(2),
    retryBaseDelayMs: z.number().int().min(0).max(10_000).default(500),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(1024 * 1024),
    responseType: z.enum(['auto', 'json', 'text']).default('auto'),
    mappings: z.array(mappingSchema).max(50).default([]).meta({ ui: 'table' }),
  })
  .superRefine((cfg, check) => {
    if (cfg.method === 'GET' && cfg.bodyType !== 'none') {
      check.addIssue({ code: 'custom', path: ['bodyType'], message: 'a GET request has no body' })
    }
  })

export type HttpConfig = z.output<typeof httpConfigSchema>
