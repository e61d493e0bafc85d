import type { JsonValue } from '../json.ts'
import type { TemplateScope } from '../node-api.ts'
import { evaluateNode } from './evaluate-node.ts'
import { parseExpression } from './parse-expression.ts'
import { isTruthy } from './values.ts'

/**
 * Evaluates an expression to a value; a path that leads nowhere gives null.
 * Throws ExpressionError on bad syntax or an invalid `matches` pattern.
 * @example evaluateExpression('vars.tries + 1', scope) // 3
 */
export function evaluateExpression(source: string, scope: TemplateScope): JsonValue {
  const value = evaluateNode(parseExpression(source), { scope, source }) ?? null
  // Objects and arrays come straight from the scope: hand out a copy, so a caller that changes
  // the result cannot change the conversation's variables behind setVariable's back.
  return copyJson(value)
}

/**
 * Evaluates a condition. null, missing, false, 0, "" and [] are false; all else is true.
 * @example evaluateCondition('input contains "退货" and vars.tries < 3', scope)
 */
export function evaluateCondition(source: string, scope: TemplateScope): boolean {
  return isTruthy(evaluateNode(parseExpression(source), { scope, source }))
}

function copyJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(copyJson)
  if (typeof value !== 'object' || value === null) return value
  // fromEntries defines own properties, so even a "__proto__" key stays plain data.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyJson(item)]))
}
