// Monaco's JSON language worker (validation, formatting), built by vite into our own origin.
import 'monaco-editor/language/json/json.worker'
