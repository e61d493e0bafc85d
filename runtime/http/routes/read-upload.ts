import type { Context } from 'hono'
import { InvalidRequestError, PayloadTooLargeError } from '../../../shared/index.ts'
import { readLimited } from '../read-body.ts'

export interface UploadedFile {
  fileName: string
  bytes: Uint8Array
  /** Other form fields (e.g. `tags`), last value wins. */
  fields: Map<string, string>
}

/**
 * Reads a multipart/form-data upload with its file in the `file` field. A declared
 * content-length above the limit is refused before reading; otherwise bytes are counted while
 * they arrive and reading stops (413) as soon as the limit is passed, so a 100 MB upload is
 * never held in memory.
 */
export async function readUpload(c: Context, limitBytes: number): Promise<UploadedFile> {
  const declared = Number(c.req.header('content-length') ?? '0')
  if (declared > limitBytes) throw new PayloadTooLargeError(limitBytes)
  const bytes = await readLimited(c.req.raw, limitBytes)
  const contentType = c.req.header('content-type') ?? ''
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData()
  } catch {
    throw new InvalidRequestError([
      { path: ['file'], message: 'the body is not valid multipart/form-data' },
    ])
  }
  const file = form.get('file')
  if (file === null || typeof file === 'string') {
    throw new InvalidRequestError([
      { path: ['file'], message: 'send the document as a file in the "file" form field' },
    ])
  }
  const fields = new Map<string, string>()
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.set(name, value)
  }
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), fields }
}
