import type { Flow } from '../../../shared/index.ts'

// What to offer inside `{{ … }}` of a template or prompt: the variables a flow can read
// (DESIGN §4). Pure, so it is tested without Monaco; the Monaco provider only maps the result.

export interface TemplateCompletion {
  /** What the list shows and what is inserted, e.g. `vars.orderId`. */
  label: string
  kind: 'variable' | 'node' | 'system' | 'input'
  detail: string
}

export const systemVariableNames = [
  'conversationId',
  'flowId',
  'flowVersion',
  'channel',
  'customerId',
  'variant',
  'locale',
  'turn',
  'time',
] as const

/** A node's output path as templates write it: `nodes.ask_1`, or `nodes["ask-1"]` for other ids. */
export function nodePath(nodeId: string): string {
  return /^[A-Za-z_]\w*$/.test(nodeId) ? `nodes.${nodeId}` : `nodes[${JSON.stringify(nodeId)}]`
}

/**
 * The open template expression before the cursor (`{{ vars.or` → `vars.or`), or null when the
 * cursor is not inside `{{ }}`.
 */
export function openExpression(textBeforeCursor: string): string | null {
  const start = textBeforeCursor.lastIndexOf('{{')
  if (start < 0 || textBeforeCursor.indexOf('}}', start) >= 0) return null
  return textBeforeCursor.slice(start + 2)
}

/** Every readable name of the flow, filtered by the word being typed (case-insensitive prefix). */
export function templateCompletions(
  flow: Pick<Flow, 'variables' | 'nodes'>,
  typed: string,
): TemplateCompletion[] {
  const all: TemplateCompletion[] = [
    { label: 'input', kind: 'input', detail: 'this message' },
    ...flow.variables.map((v) => ({
      label: `vars.${v.name}`,
      kind: 'variable' as const,
      detail: v.type,
    })),
    ...flow.nodes
      .filter((n) => n.type !== 'start')
      .map((n) => ({
        label: nodePath(n.id),
        kind: 'node' as const,
        detail: n.data.label ?? n.type,
      })),
    ...systemVariableNames.map((name) => ({
      label: `sys.${name}`,
      kind: 'system' as const,
      detail: 'system',
    })),
  ]
  const word = /[\w.[\]"-]*$/.exec(typed)?.[0]?.toLowerCase() ?? ''
  return word === '' ? all : all.filter((c) => c.label.toLowerCase().startsWith(word))
}
