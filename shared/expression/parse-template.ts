import { ExpressionError } from '../errors.ts'
import type { TemplateAst, TemplatePart } from './ast.ts'
import { BoundedCache } from './bounded-cache.ts'
import { parseCacheCapacity, parseExpressionRange } from './parse-expression.ts'

// Prompts are templates too and run long, so a template may hold far more than one expression
// (each `{{ }}` inside is still limited to maxExpressionLength).
export const maxTemplateLength = 100_000

// Rendered on every turn: the cache turns parsing into a Map lookup.
const parsedTemplates = new BoundedCache<string, TemplateAst>(parseCacheCapacity)

/**
 * Splits text with `{{ expression }}` placeholders into text and parsed expressions. `\{{` is a
 * literal `{{`. Results are cached; treat them as read-only. Throws ExpressionError.
 * @example parseTemplate('您的订单 {{ vars.orderId }} 已发货')
 */
export function parseTemplate(template: string): TemplateAst {
  const cached = parsedTemplates.get(template)
  if (cached) return cached
  const parsed = parseUncached(template)
  parsedTemplates.set(template, parsed)
  return parsed
}

function parseUncached(template: string): TemplateAst {
  if (template.length > maxTemplateLength) {
    throw new ExpressionError(
      `Expected a template of at most ${maxTemplateLength} characters but found ${template.length}`,
      template,
      maxTemplateLength,
    )
  }
  const parts: TemplatePart[] = []
  let text = ''
  let textStart = 0
  let index = 0
  for (;;) {
    const open = template.indexOf('{{', index)
    if (open === -1) break
    if (open > index && template.charAt(open - 1) === '\\') {
      text += `${template.slice(index, open - 1)}{{`
      index = open + 2
      continue
    }
    text += template.slice(index, open)
    if (text !== '') parts.push({ kind: 'text', text, position: textStart })
    const close = findClose(template, open + 2)
    if (close === -1) {
      throw new ExpressionError(
        '"{{" is not closed: expected "}}" but found the end of the template',
        template,
        open,
      )
    }
    const range = { source: template, start: open + 2, end: close }
    parts.push({
      kind: 'expression',
      expression: parseExpressionRange(range, '"}}"'),
      position: open,
    })
    text = ''
    index = close + 2
    textStart = index
  }
  text += template.slice(index)
  if (text !== '') parts.push({ kind: 'text', text, position: textStart })
  return { parts }
}

/** The index of the `}}` that ends an expression, skipping string literals; -1 if none. */
function findClose(template: string, start: number): number {
  let quote = ''
  for (let index = start; index < template.length; index += 1) {
    const char = template.charAt(index)
    if (quote !== '') {
      if (char === '\\') index += 1
      else if (char === quote) quote = ''
    } else if (char === '"' || char === "'") {
      quote = char
    } else if (char === '}' && template.charAt(index + 1) === '}') {
      return index
    }
  }
  return -1
}
