import { ExpressionError } from '../errors.ts'
import { parseExpression } from './parse-expression.ts'
import { parseTemplate } from './parse-template.ts'

/**
 * The syntax error in a template or expression, or null when it parses; for flow validation.
 * @example checkSyntax('vars.tries <', 'expression')?.position // 12
 */
export function checkSyntax(
  source: string,
  kind: 'template' | 'expression',
): ExpressionError | null {
  try {
    if (kind === 'template') parseTemplate(source)
    else parseExpression(source)
    return null
  } catch (error) {
    if (error instanceof ExpressionError) return error
    throw error
  }
}
