// Monaco, loaded only when a code, prompt or JSON field is first shown (a dynamic import of
// this module), so the canvas never pays for it. Everything, workers included, is bundled by
// vite and served from our own origin: intranets have no CDN (DESIGN §6).
import * as monaco from 'monaco-editor/editor'
// Every editor feature (suggest, find, hover, …) now, before the first editor is created: a
// feature loaded later finds the editor's services already built and fails.
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/javascript/register'
import 'monaco-editor/languages/features/json/register'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { openExpression, templateCompletions } from './template-completions.ts'

export const templateLanguageId = 'switchboard-template'

globalThis.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'json'
      ? new Worker(new URL('./json-worker.ts', import.meta.url), { type: 'module', name: label })
      : new Worker(new URL('./editor-worker.ts', import.meta.url), { type: 'module', name: label })
  },
}

monaco.languages.register({ id: templateLanguageId })
monaco.languages.setMonarchTokensProvider(templateLanguageId, {
  tokenizer: {
    root: [
      [/\{\{/, { token: 'delimiter.bracket', next: '@expression' }],
      [/[^{]+/, ''],
      [/\{/, ''],
    ],
    expression: [
      [/\}\}/, { token: 'delimiter.bracket', next: '@pop' }],
      [/"([^"\\]|\\.)*"|'([^'\\]|\\.)*'/, 'string'],
      [/\b(input|vars|nodes|user|sys)\b/, 'variable.predefined'],
      [/\b(and|or|not|true|false|null)\b/, 'keyword'],
      [/\d+(\.\d+)?/, 'number'],
      [/[A-Za-z_]\w*/, 'identifier'],
      [/[^}"'A-Za-z_\d]+/, 'operator'],
      [/\}/, 'operator'],
    ],
  },
})
monaco.languages.setLanguageConfiguration(templateLanguageId, {
  brackets: [['{{', '}}']],
  autoClosingPairs: [
    { open: '{{', close: ' }}' },
    { open: '"', close: '"' },
  ],
})

const kinds = {
  input: monaco.languages.CompletionItemKind.Keyword,
  variable: monaco.languages.CompletionItemKind.Variable,
  node: monaco.languages.CompletionItemKind.Module,
  system: monaco.languages.CompletionItemKind.Constant,
}

// Names the flow can read, offered inside `{{ }}`; read from the draft when asked, so variables
// added a moment ago are offered too.
monaco.languages.registerCompletionItemProvider(templateLanguageId, {
  triggerCharacters: ['{', '.', ' '],
  provideCompletionItems(model, position) {
    const flow = useFlowDraftStore.getState().flow
    const before = model.getValueInRange({
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: position.lineNumber,
      endColumn: position.column,
    })
    const expression = openExpression(before)
    if (!flow || expression === null) return { suggestions: [] }
    const typed = /[\w.[\]"-]*$/.exec(expression)?.[0] ?? ''
    const range = {
      startLineNumber: position.lineNumber,
      startColumn: Math.max(1, position.column - typed.length),
      endLineNumber: position.lineNumber,
      endColumn: position.column,
    }
    return {
      suggestions: templateCompletions(flow, expression).map((c) => ({
        label: c.label,
        kind: kinds[c.kind],
        detail: c.detail,
        insertText: c.label,
        range,
      })),
    }
  },
})

export { monaco }
