// Builds what `npm start` serves, each only when its build is missing or older than its sources:
// the editor (vite) into dist/editor and the server (esbuild, one bundled file) into dist/server.
// The bundled server starts in a fraction of the time a TypeScript loader needs.
// Plain JavaScript so it runs before anything is compiled.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
export const serverBundle = join(projectRoot, 'dist', 'server', 'main.mjs')

/**
 * Node flags the server runs with (npm start, process tests and the benchmark alike); see
 * docs/performance.md. A smaller young generation (`--max-semi-space-size=4`) promotes less.
 * `--heap-growing-percent=100` lets the old generation grow to twice what survived the last
 * full GC before the next one, where V8 by default allows up to four times: under load about
 * 35 MB survive, and the default let the heap reach 150–165 MB, so any new per-request
 * garbage showed four-fold in the resident memory (262–276 MB instead of < 250 MB). With the
 * factor fixed at 2 it is about 185–190 MB, for the same turns per second of server CPU.
 */
export const serverNodeFlags = [
  '--enable-source-maps',
  '--max-semi-space-size=4',
  '--heap-growing-percent=100',
]
const editorIndex = join(projectRoot, 'dist', 'editor', 'index.html')

function newestMtimeMs(paths) {
  let newest = 0
  for (const path of paths) {
    if (!existsSync(path)) continue
    const stat = statSync(path)
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs)
      continue
    }
    const entries = readdirSync(path).filter((name) => name !== 'node_modules')
    newest = Math.max(newest, newestMtimeMs(entries.map((name) => join(path, name))))
  }
  return newest
}

function isStale(output, sources) {
  return (
    !existsSync(output) ||
    statSync(output).mtimeMs < newestMtimeMs(sources.map((s) => join(projectRoot, s)))
  )
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

/**
 * Runs `build` while holding a lock directory, so that several test runs or `npm start`s started
 * at once do not write the same output files together. A lock older than ten minutes is taken
 * to be left by a killed process and is broken.
 */
function withBuildLock(build) {
  const lock = join(projectRoot, 'dist', '.build-lock')
  mkdirSync(join(projectRoot, 'dist'), { recursive: true })
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000) {
        rmSync(lock, { recursive: true, force: true })
      } else Atomics.wait(sleeper, 0, 0, 200)
    }
  }
  const release = () => rmSync(lock, { recursive: true, force: true })
  try {
    const result = build()
    if (result instanceof Promise) return result.finally(release)
    release()
    return result
  } catch (error) {
    release()
    throw error
  }
}

export function buildEditorIfStale() {
  return withBuildLock(buildEditor)
}

export function buildServerIfStale() {
  return withBuildLock(buildServer)
}

function buildEditor() {
  if (!isStale(editorIndex, ['editor', 'shared', 'nodes', 'vite.config.ts', 'package-lock.json']))
    return false
  console.log('Building the editor…')
  run(process.execPath, [
    join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--logLevel',
    'warn',
  ])
  return true
}

async function buildServer() {
  if (!isStale(serverBundle, ['runtime', 'shared', 'nodes', 'package-lock.json'])) return false
  console.log('Building the server…')
  const { build } = await import('esbuild')
  await build({
    entryPoints: [join(projectRoot, 'runtime', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: serverBundle,
    // Loaded from node_modules, not bundled: the native addon, the TypeScript loader for custom
    // node types, and large parsers and the sandbox, which are imported only when first used
    // so that they cost neither start time nor memory in a server that never needs them.
    external: [
      'better-sqlite3',
      'tsx',
      'unpdf',
      'mammoth',
      'read-excel-file',
      'quickjs-emscripten',
      '@node-rs/argon2',
    ],
    sourcemap: true,
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  })
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildEditorIfStale()
  await buildServerIfStale()
}
