// Reads a node type's config JSON Schema (z.toJSONSchema output with `ui` hints) into the
// fields the node panel draws. Anything not recognised becomes a JSON field, so a custom node
// type always gets a working form.

export interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  additionalProperties?: JsonSchema | boolean
  default?: unknown
  ui?: string
  title?: string
  description?: string
  maxLength?: number
  minLength?: number
  minimum?: number
  maximum?: number
  anyOf?: JsonSchema[]
}

export type FieldKind =
  | 'text'
  | 'multiline'
  | 'code'
  | 'enum'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'table'
  | 'list'
  | 'variants'
  | 'json'

export interface FieldSpec {
  name: string
  kind: FieldKind
  schema: JsonSchema
  isRequired: boolean
}

export function asSchema(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonSchema)
    : {}
}

function isType(schema: JsonSchema, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type))
}

/** How one schema is edited. */
export function fieldKind(schema: JsonSchema): FieldKind {
  if (schema.enum?.every((v) => typeof v === 'string')) return 'enum'
  if (isType(schema, 'string')) {
    if (schema.ui === 'code' || schema.ui === 'prompt') return 'code'
    // Long templates (a message) get a text area; names, patterns and conditions a line.
    if (schema.ui === 'template' && (schema.maxLength ?? 0) > 200) return 'multiline'
    return 'text'
  }
  if (isType(schema, 'integer')) return 'integer'
  if (isType(schema, 'number')) return 'number'
  if (isType(schema, 'boolean')) return 'boolean'
  if (isType(schema, 'array')) {
    const items = schema.items ?? {}
    if (isType(items, 'object') && items.properties) return 'table'
    if (isType(items, 'string')) return 'list'
    return 'json'
  }
  if (isType(schema, 'object')) {
    const values = schema.additionalProperties
    if (!schema.properties && typeof values === 'object' && isType(values, 'string')) {
      return 'variants'
    }
  }
  return 'json'
}

/** The fields of an object schema, in declaration order. */
export function objectFields(schema: JsonSchema): FieldSpec[] {
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    kind: fieldKind(property),
    schema: property,
    isRequired: required.has(name),
  }))
}

/** What a field shows when the config does not set it: the schema's default. */
export function shownValue(spec: FieldSpec, config: Record<string, unknown>): unknown {
  return config[spec.name] ?? spec.schema.default
}

/**
 * Sets one field. An optional field without a default that is cleared is removed, because
 * its schema (e.g. `min(1)`) would refuse an empty string where "not set" is meant.
 */
export function setField(
  config: Record<string, unknown>,
  spec: FieldSpec,
  value: unknown,
): Record<string, unknown> {
  const next = { ...config }
  if (value === '' && !spec.isRequired && spec.schema.default === undefined) delete next[spec.name]
  else next[spec.name] = value
  return next
}

/** "a, b，c" → ['a', 'b', 'c']: both Latin and Chinese commas separate. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** A new table row: defaults filled, a required choice its first option, required text empty. */
export function newRow(items: JsonSchema): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const spec of objectFields(items)) {
    if (spec.schema.default !== undefined) row[spec.name] = spec.schema.default
    else if (spec.isRequired && spec.kind === 'enum') row[spec.name] = spec.schema.enum?.[0]
    else if (spec.isRequired && spec.kind === 'text') row[spec.name] = ''
  }
  return row
}
