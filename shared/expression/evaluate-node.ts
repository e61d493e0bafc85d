import { ExpressionError } from '../errors.ts'
import type { TemplateScope } from '../node-api.ts'
import {
  assertNever,
  type BinaryNode,
  type ExpressionNode,
  type LogicalNode,
  startOf,
} from './ast.ts'
import { builtins } from './builtins.ts'
import { compilePattern, testPattern } from './compile-pattern.ts'
import {
  calculate,
  compareValues,
  containsValue,
  endsWithValue,
  negate,
  startsWithValue,
  valuesEqual,
} from './operators.ts'
import { readMember, readRoot } from './read-member.ts'
import { isTruthy, scalarText, type Value } from './values.ts'

export interface Evaluation {
  readonly scope: TemplateScope
  /** The text the node was parsed from, for error messages. */
  readonly source: string
}

/** Walks the tree. Reads nothing but `scope`, and throws only ExpressionError. */
export function evaluateNode(node: ExpressionNode, evaluation: Evaluation): Value {
  switch (node.kind) {
    case 'literal':
      return node.value
    case 'array':
      return node.items.map((item) => evaluateNode(item, evaluation) ?? null)
    case 'identifier':
      return readRoot(evaluation.scope, node.name)
    case 'member':
      return readMember(evaluateNode(node.object, evaluation), evaluateNode(node.key, evaluation))
    case 'unary': {
      const operand = evaluateNode(node.operand, evaluation)
      return node.operator === 'not' ? !isTruthy(operand) : negate(operand)
    }
    case 'logical':
      return evaluateLogical(node, evaluation)
    case 'binary':
      return evaluateBinary(node, evaluation)
    case 'call':
      return builtins[node.name].call(node.args.map((arg) => evaluateNode(arg, evaluation)))
    default:
      return assertNever(node)
  }
}

/** Short-circuits and returns an operand, so `user.name or "您"` works as a default. */
function evaluateLogical(node: LogicalNode, evaluation: Evaluation): Value {
  let value: Value
  for (const operand of node.operands) {
    value = evaluateNode(operand, evaluation)
    if (isTruthy(value) === (node.operator === 'or')) return value
  }
  return value
}

function evaluateBinary(node: BinaryNode, evaluation: Evaluation): Value {
  const left = evaluateNode(node.left, evaluation)
  const right = evaluateNode(node.right, evaluation)
  switch (node.operator) {
    case '==':
      return valuesEqual(left, right)
    case '!=':
      return !valuesEqual(left, right)
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareValues(node.operator, left, right)
    case 'contains':
      return containsValue(left, right)
    case 'in':
      return containsValue(right, left)
    case 'not in':
      return !containsValue(right, left)
    case 'startsWith':
      return startsWithValue(left, right)
    case 'endsWith':
      return endsWithValue(left, right)
    case 'matches':
      return matchesPattern(left, right, startOf(node.right), evaluation.source)
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return calculate(node.operator, left, right)
    default:
      return assertNever(node.operator)
  }
}

function matchesPattern(subject: Value, pattern: Value, position: number, source: string): boolean {
  if (pattern === null || pattern === undefined) return false
  if (typeof pattern !== 'string') {
    throw new ExpressionError(
      `Expected a regular expression string after "matches" but found ${Array.isArray(pattern) ? 'array' : typeof pattern}`,
      source,
      position,
    )
  }
  const regex = compilePattern(pattern, source, position)
  const text = scalarText(subject)
  return text !== undefined && testPattern(regex, text)
}
