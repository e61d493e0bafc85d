// The template and expression language of flows (DESIGN §4, "Variables"): a hand-written
// tokenizer, parser and tree-walking evaluator. No eval, no new Function, and no reads beyond
// the own data of the scope given.
export type {
  ArrayNode,
  BinaryNode,
  BinaryOperator,
  CallNode,
  ExpressionNode,
  ExpressionPart,
  IdentifierNode,
  LiteralNode,
  LogicalNode,
  MemberNode,
  TemplateAst,
  TemplatePart,
  TextPart,
  UnaryNode,
} from './ast.ts'
export type { BuiltinName } from './builtins.ts'
export { checkSyntax } from './check-syntax.ts'
export { collectReferences, type VariableReference } from './collect-references.ts'
export { evaluateCondition, evaluateExpression } from './evaluate-expression.ts'
export {
  maxExpressionLength,
  maxNestingDepth,
  parseCacheCapacity,
  parseExpression,
} from './parse-expression.ts'
export { maxTemplateLength, parseTemplate } from './parse-template.ts'
export { renderTemplate } from './render-template.ts'
