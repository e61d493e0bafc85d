import type { TemplateScope } from '../node-api.ts'
import { evaluateNode } from './evaluate-node.ts'
import { parseTemplate } from './parse-template.ts'
import { toText } from './values.ts'

/**
 * Replaces each `{{ expression }}` with its value: text as is, numbers and booleans via String,
 * null and missing values as nothing, arrays and objects as JSON. `\{{` gives a literal `{{`.
 * Throws ExpressionError on bad syntax.
 * @example renderTemplate('您的订单 {{ vars.orderId }} 已发货', scope) // '您的订单 A1024 已发货'
 */
export function renderTemplate(template: string, scope: TemplateScope): string {
  const evaluation = { scope, source: template }
  let text = ''
  for (const part of parseTemplate(template).parts) {
    text += part.kind === 'text' ? part.text : toText(evaluateNode(part.expression, evaluation))
  }
  return text
}
