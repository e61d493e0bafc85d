import { z } from 'zod'
import { type JsonValue, ModelAnswerInvalidError } from '../../shared/index.ts'

/** Why a config's `jsonSchema` text is unusable, or undefined when it is fine. */
export function jsonSchemaProblem(text: string): string | undefined {
  try {
    toZodSchema(text)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** The JSON Schema written in the node's config, as a zod schema the answer is checked with. */
export function toZodSchema(text: string): z.ZodType {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error('not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('a JSON Schema is an object, e.g. {"type": "object", "properties": {…}}')
  }
  try {
    // fromJSONSchema checks the document itself; its parameter type only describes the shape.
    return z.fromJSONSchema(parsed as z.core.JSONSchema.JSONSchema)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`not a JSON Schema zod can check: ${reason}`)
  }
}

/** Models like to wrap JSON in a Markdown code fence even in JSON mode. */
function withoutCodeFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text)
  return fenced?.[1] ?? text
}

/**
 * Parses and checks the model's JSON answer. Throws ModelAnswerInvalidError saying what is
 * wrong (not JSON, or which fields break the schema), which takes the node's `error` port.
 */
export function readJsonAnswer(text: string, schema: z.ZodType): JsonValue {
  let value: unknown
  try {
    value = JSON.parse(withoutCodeFence(text))
  } catch {
    throw new ModelAnswerInvalidError(`not JSON: ${Array.from(text).slice(0, 80).join('')}`)
  }
  const checked = schema.safeParse(value)
  if (!checked.success) {
    const problems = checked.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    throw new ModelAnswerInvalidError(`does not match the JSON Schema (${problems.join('; ')})`)
  }
  // The value came from JSON.parse: it is JSON whatever the schema made of its type.
  return value as JsonValue
}
