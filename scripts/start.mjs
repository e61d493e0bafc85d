// `npm start`: builds the editor and the server when needed, then runs the server.
import { spawn } from 'node:child_process'
import {
  buildEditorIfStale,
  buildServerIfStale,
  projectRoot,
  serverBundle,
  serverNodeFlags,
} from './build.mjs'

buildEditorIfStale()
await buildServerIfStale()
const server = spawn(process.execPath, [...serverNodeFlags, serverBundle], {
  cwd: projectRoot,
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
