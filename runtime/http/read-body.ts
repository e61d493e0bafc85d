import type { Context } from 'hono'
import type { z } from 'zod'
import {
  InvalidRequestError,
  MalformedJsonError,
  PayloadTooLargeError,
  zodIssueParams,
} from '../../shared/index.ts'

/**
 * Reads a JSON body no larger than `limitBytes` and parses it with `schema`. Too large → 413,
 * not JSON → 400, wrong shape → 422 listing every problem with its path.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  limitBytes: number,
): Promise<z.output<Schema>> {
  return readBody(c, schema, limitBytes, false)
}

/** Like readJsonBody, but an empty body counts as `{}` (for actions whose fields are optional). */
export async function readOptionalJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  limitBytes: number,
): Promise<z.output<Schema>> {
  return readBody(c, schema, limitBytes, true)
}

async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  limitBytes: number,
  isOptional: boolean,
): Promise<z.output<Schema>> {
  const declared = Number(c.req.header('content-length') ?? '0')
  if (declared > limitBytes) throw new PayloadTooLargeError(limitBytes)
  const bytes = await readLimited(c.req.raw, limitBytes)
  const text = new TextDecoder().decode(bytes)
  let value: unknown
  try {
    value = text.trim() === '' ? undefined : JSON.parse(text)
  } catch (error) {
    throw new MalformedJsonError(error instanceof Error ? error.message : String(error))
  }
  if (value === undefined) {
    if (!isOptional) throw new MalformedJsonError('the body is empty')
    value = {}
  }
  return parseOrThrow(schema, value)
}

export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new InvalidRequestError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
        message: issue.message,
        params: zodIssueParams(issue),
      })),
    )
  }
  return parsed.data
}

/** Reads a request body, refusing it (413) as soon as more than `limitBytes` have arrived. */
export async function readLimited(
  request: Request,
  limitBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(new ArrayBuffer(0))
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limitBytes) {
      await reader.cancel()
      throw new PayloadTooLargeError(limitBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(new ArrayBuffer(total))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
