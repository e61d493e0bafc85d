import { z } from 'zod'
import { checkSyntax, collectReferences } from './expression/index.ts'
import type { AnyNodeType } from './node-api.ts'
import { isRecord } from './validate-flow-document.ts'
import {
  formatList,
  formatPath,
  type Problem,
  type ProblemParams,
  type ProblemPath,
  problem,
} from './validate-flow-problems.ts'

/** The roots a template or expression may read (DESIGN §4, "Variables"). */
const scopeRoots = ['input', 'vars', 'user', 'nodes', 'sys'] as const
const scopeRootSet: ReadonlySet<string> = new Set(scopeRoots)

/**
 * The part of a config schema that says where expression fields are: the JSON schema reduced to
 * objects, arrays and `ui: 'expression'` leaves. A recursive schema (`$ref`) becomes a cyclic
 * tree, so walking it next to a config value still ends when the value ends.
 */
interface FieldTree {
  isExpression: boolean
  properties: Map<string, FieldTree>
  additionalProperties: FieldTree | undefined
  prefixItems: FieldTree[]
  items: FieldTree | undefined
}

// Converting a config schema to JSON schema costs far more than checking a config, and
// validation runs on every save: convert each node type once.
const fieldTreeByNodeType = new WeakMap<AnyNodeType, FieldTree>()

function fieldTreeOf(nodeType: AnyNodeType): FieldTree {
  const cached = fieldTreeByNodeType.get(nodeType)
  if (cached) return cached
  let tree: FieldTree
  try {
    const jsonSchema = z.toJSONSchema(nodeType.config, { io: 'input', unrepresentable: 'any' })
    tree = compileFieldTree(jsonSchema)
  } catch {
    // A custom schema zod cannot convert must not make every save fail: its `{{ }}` templates
    // are still checked, only expression fields go unrecognised.
    tree = fieldLeaf(false)
  }
  fieldTreeByNodeType.set(nodeType, tree)
  return tree
}

function fieldLeaf(isExpression: boolean): FieldTree {
  return {
    isExpression,
    properties: new Map(),
    additionalProperties: undefined,
    prefixItems: [],
    items: undefined,
  }
}

function compileFieldTree(root: unknown): FieldTree {
  const treeBySchema = new Map<object, FieldTree>()
  const unwrapping = new Set<object>()

  const compile = (schema: unknown): FieldTree => {
    if (!isRecord(schema)) return fieldLeaf(false)
    // An expression is a string: nothing below it to look at.
    if (schema.ui === 'expression') return fieldLeaf(true)
    const cached = treeBySchema.get(schema)
    if (cached) return cached
    const inner = unwrap(schema, root)
    if (inner !== schema) {
      if (unwrapping.has(schema)) return fieldLeaf(false)
      unwrapping.add(schema)
      const tree = compile(inner)
      unwrapping.delete(schema)
      treeBySchema.set(schema, tree)
      return tree
    }
    const tree = fieldLeaf(false)
    // Registered before the children so that a `$ref` back to this schema finds it.
    treeBySchema.set(schema, tree)
    if (isRecord(schema.properties)) {
      for (const [key, child] of Object.entries(schema.properties)) {
        tree.properties.set(key, compile(child))
      }
    }
    if (isRecord(schema.additionalProperties)) {
      tree.additionalProperties = compile(schema.additionalProperties)
    }
    if (Array.isArray(schema.prefixItems)) tree.prefixItems = schema.prefixItems.map(compile)
    if (isRecord(schema.items)) tree.items = compile(schema.items)
    return tree
  }

  return compile(root)
}

/** Follows a `$ref`, and a nullable's `anyOf: [X, null]` to X. Other unions are not followed. */
function unwrap(schema: Record<string, unknown>, root: unknown): unknown {
  if (typeof schema.$ref === 'string') return resolveLocalRef(root, schema.$ref)
  const branches = schema.anyOf ?? schema.oneOf
  if (Array.isArray(branches)) {
    const nonNull = branches.filter((branch) => !(isRecord(branch) && branch.type === 'null'))
    if (nonNull.length === 1) return nonNull[0]
  }
  return schema
}

function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined
  let target = root
  for (const token of ref.slice(1).split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~')
    target = isRecord(target) ? target[key] : undefined
  }
  return target
}

type StringKind = 'template' | 'expression'

interface CheckedString {
  kind: StringKind
  source: string
  /** Path inside the config. */
  path: ProblemPath
}

/**
 * Every string of a config to check, in document order: expression fields as expressions (the
 * config schema decides whether one may be blank), any other string containing `{{` as a
 * template. An expression field is not also read as a template: `input contains "{{"` is a
 * valid condition but a broken template.
 */
function stringsToCheck(config: unknown, tree: FieldTree | undefined): CheckedString[] {
  const found: CheckedString[] = []
  // An explicit stack: a config is operator input and may nest deeper than the call stack.
  const stack: { value: unknown; tree: FieldTree | undefined; path: ProblemPath }[] = [
    { value: config, tree, path: [] },
  ]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, tree: here, path } = item
    if (typeof value === 'string') {
      if (here?.isExpression) {
        if (value.trim() !== '') found.push({ kind: 'expression', source: value, path })
      } else if (value.includes('{{')) {
        found.push({ kind: 'template', source: value, path })
      }
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const child = here?.prefixItems[index] ?? here?.items
        stack.push({ value: value[index], tree: child, path: [...path, index] })
      }
    } else if (isRecord(value)) {
      for (const key of Object.keys(value).reverse()) {
        const child = here?.properties.get(key) ?? here?.additionalProperties
        stack.push({ value: value[key], tree: child, path: [...path, key] })
      }
    }
  }
  return found
}

export interface ReferenceScope {
  /** Declared flow variables; undefined when they could not be read (no `vars.*` warnings). */
  variableNames: ReadonlySet<string> | undefined
  nodeIds: ReadonlySet<string>
}

export interface NodeToCheck {
  /** Path of the node in the document, e.g. `['nodes', 3]`. */
  path: ProblemPath
  nodeId: string | undefined
  /** How messages name the node, e.g. `Node ask1 (Ask)`. */
  subject: string
  config: unknown
  /** Undefined when the node type is unknown: only `{{ }}` templates are checked. */
  nodeType: AnyNodeType | undefined
}

/** Syntax and variable checks of every template and expression in one node's config. */
export function checkNodeReferences(node: NodeToCheck, scope: ReferenceScope): Problem[] {
  const problems: Problem[] = []
  const tree = node.nodeType ? fieldTreeOf(node.nodeType) : undefined
  for (const { kind, source, path } of stringsToCheck(node.config, tree)) {
    const fullPath = [...node.path, 'data', 'config', ...path]
    const where = `${node.subject}, field "${formatPath(path)}"`
    const at = { nodeId: node.nodeId }
    const syntaxError = checkSyntax(source, kind)
    if (syntaxError) {
      const detail = syntaxError.message.includes(`position ${syntaxError.position}`)
        ? syntaxError.message
        : `${syntaxError.message} (at position ${syntaxError.position})`
      problems.push(
        problem(
          'expression_invalid',
          `${where}: the ${kind} has a syntax error: ${detail}`,
          fullPath,
          { kind, position: syntaxError.position, detail: syntaxError.message },
          at,
        ),
      )
      continue
    }
    const reported = new Set<string>()
    for (const reference of collectReferences(source, kind)) {
      const finding = judgeReference(reference.path, scope)
      if (finding === undefined || reported.has(finding.name)) continue
      reported.add(finding.name)
      const message = `${where}: the ${kind} reads ${finding.name}, ${finding.reason}`
      problems.push(problem(finding.code, message, fullPath, { kind, ...finding.params }, at))
    }
  }
  return problems
}

interface ReferenceFinding {
  code: 'undeclared_variable' | 'unknown_variable_root'
  /** The reference as the operator wrote it, cut after the part that is wrong. */
  name: string
  reason: string
  /** `root` (unknown root), `reference` and `variable` or `node` (undeclared). */
  params: ProblemParams
}

function judgeReference(
  path: readonly string[],
  scope: ReferenceScope,
): ReferenceFinding | undefined {
  const [root, key] = path
  if (root === undefined) return undefined
  if (!scopeRootSet.has(root)) {
    return {
      code: 'unknown_variable_root',
      name: `"${root}"`,
      params: { root },
      reason: `which is not something a flow can read. Start with one of: ${formatList([...scopeRoots])}`,
    }
  }
  if (key === undefined) return undefined
  if (root === 'vars' && scope.variableNames !== undefined && !scope.variableNames.has(key)) {
    const reference = formatReference([root, key])
    return {
      code: 'undeclared_variable',
      name: reference,
      reason: `but the flow declares no variable "${key}". Add it to the flow's variables or fix the name`,
      params: { reference, variable: key },
    }
  }
  if (root === 'nodes' && !scope.nodeIds.has(key)) {
    const reference = formatReference([root, key])
    return {
      code: 'undeclared_variable',
      name: reference,
      reason: `but the flow has no node "${key}"`,
      params: { reference, node: key },
    }
  }
  return undefined
}

/** `['nodes', 'ask-1']` → `nodes["ask-1"]`, as it would be written in a template. */
function formatReference(path: readonly string[]): string {
  return path
    .map((segment, index) => {
      if (index === 0) return segment
      return /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`
    })
    .join('')
}
