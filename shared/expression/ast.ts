import type { JsonPrimitive } from '../json.ts'
import type { BuiltinName } from './builtins.ts'

/**
 * The syntax tree of an expression. Every node carries `position`, a 0-based offset into the
 * source string (the whole template for expressions inside `{{ }}`), so errors and references
 * can point at the text the operator wrote: where the node starts, except for binary and
 * logical nodes (their operator) and member nodes (their key). `startOf` gives any node's start.
 */
export type ExpressionNode =
  | LiteralNode
  | ArrayNode
  | IdentifierNode
  | MemberNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | CallNode

export interface LiteralNode {
  readonly kind: 'literal'
  readonly value: JsonPrimitive
  readonly position: number
}

export interface ArrayNode {
  readonly kind: 'array'
  readonly items: readonly ExpressionNode[]
  readonly position: number
}

/** A path root: `input`, `vars`, `user`, `nodes`, `sys`; any other name reads as null. */
export interface IdentifierNode {
  readonly kind: 'identifier'
  readonly name: string
  readonly position: number
}

/** `object.name`, `object?.name` and `object[key]`; `.name` has a string literal as key. */
export interface MemberNode {
  readonly kind: 'member'
  readonly object: ExpressionNode
  readonly key: ExpressionNode
  readonly position: number
}

export interface UnaryNode {
  readonly kind: 'unary'
  readonly operator: 'not' | '-'
  readonly operand: ExpressionNode
  readonly position: number
}

export type BinaryOperator =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'matches'
  | 'in'
  | 'not in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'

export interface BinaryNode {
  readonly kind: 'binary'
  readonly operator: BinaryOperator
  readonly left: ExpressionNode
  readonly right: ExpressionNode
  readonly position: number
}

/**
 * `a or b or c` as one node: long keyword lists (`input contains "退" or input contains "换" …`)
 * stay one level deep instead of hitting the nesting limit.
 */
export interface LogicalNode {
  readonly kind: 'logical'
  readonly operator: 'and' | 'or'
  readonly operands: readonly ExpressionNode[]
  readonly position: number
}

export interface CallNode {
  readonly kind: 'call'
  readonly name: BuiltinName
  readonly args: readonly ExpressionNode[]
  readonly position: number
}

export interface TextPart {
  readonly kind: 'text'
  readonly text: string
  readonly position: number
}

export interface ExpressionPart {
  readonly kind: 'expression'
  readonly expression: ExpressionNode
  /** Where the `{{` starts. */
  readonly position: number
}

export type TemplatePart = TextPart | ExpressionPart

export interface TemplateAst {
  readonly parts: readonly TemplatePart[]
}

export function childNodes(node: ExpressionNode): readonly ExpressionNode[] {
  switch (node.kind) {
    case 'literal':
    case 'identifier':
      return []
    case 'array':
      return node.items
    case 'member':
      return [node.object, node.key]
    case 'unary':
      return [node.operand]
    case 'binary':
      return [node.left, node.right]
    case 'logical':
      return node.operands
    case 'call':
      return node.args
    default:
      return assertNever(node)
  }
}

/** Where the text of `node` starts; `position` of a binary node is its operator's. */
export function startOf(node: ExpressionNode): number {
  switch (node.kind) {
    case 'member':
      return startOf(node.object)
    case 'binary':
      return startOf(node.left)
    case 'logical':
      return node.operands[0] ? startOf(node.operands[0]) : node.position
    default:
      return node.position
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected syntax node ${JSON.stringify(value)}`)
}
