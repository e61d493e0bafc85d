import type { ExpressionNode } from './ast.ts'
import { childNodes } from './ast.ts'
import { parseExpression } from './parse-expression.ts'
import { parseTemplate } from './parse-template.ts'

export interface VariableReference {
  /** `vars.orderId` is `['vars', 'orderId']`; `nodes["ask-1"].value` is `['nodes', 'ask-1', 'value']`. */
  path: string[]
  /** Where the path's root name starts in the source. */
  position: number
}

/**
 * Every variable path the source reads, in source order, for flow validation. A path stops at
 * the first computed step: `vars.items[vars.index].name` reads `vars.items` and `vars.index`.
 * Throws ExpressionError on bad syntax; call checkSyntax first to report it instead.
 */
export function collectReferences(
  source: string,
  kind: 'template' | 'expression',
): VariableReference[] {
  const references: VariableReference[] = []
  if (kind === 'expression') {
    collectFrom(parseExpression(source), references)
  } else {
    for (const part of parseTemplate(source).parts) {
      if (part.kind === 'expression') collectFrom(part.expression, references)
    }
  }
  return references.sort((a, b) => a.position - b.position)
}

function collectFrom(node: ExpressionNode, references: VariableReference[]): void {
  if (node.kind !== 'identifier' && node.kind !== 'member') {
    for (const child of childNodes(node)) collectFrom(child, references)
    return
  }
  const keys: ExpressionNode[] = []
  let base: ExpressionNode = node
  while (base.kind === 'member') {
    keys.unshift(base.key)
    base = base.object
  }
  if (base.kind === 'identifier') {
    const path = [base.name]
    for (const key of keys) {
      const isStatic =
        key.kind === 'literal' && (typeof key.value === 'string' || typeof key.value === 'number')
      if (!isStatic) break
      path.push(String(key.value))
    }
    references.push({ path, position: base.position })
  } else {
    collectFrom(base, references)
  }
  for (const key of keys) collectFrom(key, references)
}
