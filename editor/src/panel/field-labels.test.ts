import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { builtinNodeTypes } from '../../../nodes/index.ts'
import en from '../../i18n/en.json'
import zhCN from '../../i18n/zh-CN.json'
import { asSchema, type FieldSpec, objectFields } from '../model/schema-fields.ts'

const catalogs = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> }

/** Every field the node panel draws for a built-in node type: top-level fields and table columns. */
function panelFields(): { nodeType: string; field: FieldSpec; isColumn: boolean }[] {
  return builtinNodeTypes.flatMap((nodeType) => {
    const schema = asSchema(
      z.toJSONSchema(nodeType.config, { io: 'input', unrepresentable: 'any' }),
    )
    return objectFields(schema).flatMap((field) => [
      { nodeType: nodeType.type, field, isColumn: false },
      ...(field.kind === 'table' && field.schema.items
        ? objectFields(field.schema.items).map((column) => ({
            nodeType: nodeType.type,
            field: column,
            isColumn: true,
          }))
        : []),
    ])
  })
}

describe('node panel labels', () => {
  it.each(Object.entries(catalogs))('names every built-in field in %s', (_, catalog) => {
    const unlabelled = panelFields()
      .filter(({ field }) => !(`field.${field.name}` in catalog) && !field.schema.title)
      .map(({ nodeType, field }) => `${nodeType}.${field.name}`)

    expect(unlabelled).toEqual([])
  })

  it.each(Object.entries(catalogs))('names every built-in choice in %s', (_, catalog) => {
    // HTTP methods read the same in every language.
    const unnamed = panelFields()
      .filter(
        ({ field, isColumn }) => field.kind === 'enum' && !isColumn && field.name !== 'method',
      )
      .flatMap(({ nodeType, field }) =>
        (field.schema.enum ?? [])
          .filter((value) => !(`option.${field.name}.${String(value)}` in catalog))
          .map((value) => `${nodeType}.${field.name}=${String(value)}`),
      )

    expect(unnamed).toEqual([])
  })
})
