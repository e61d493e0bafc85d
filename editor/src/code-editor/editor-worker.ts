// Monaco's base worker (word completions, diffs), built by vite into a file of our own origin.
import 'monaco-editor/editor/editor.worker'
