import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from './support/server-process.ts'

type Folder = 'shared' | 'nodes' | 'runtime' | 'editor' | 'examples' | 'test' | 'bench' | 'scripts'

/** Which top-level folders each folder may import (STYLE §1, DESIGN §1). */
const allowedImports: Record<Folder, Folder[]> = {
  shared: [],
  nodes: ['shared'],
  runtime: ['shared', 'nodes'],
  editor: ['shared', 'nodes'],
  examples: ['shared'],
  test: ['shared', 'nodes', 'runtime', 'editor', 'examples', 'bench', 'scripts'],
  bench: ['shared', 'nodes', 'runtime', 'test', 'scripts'],
  scripts: [],
}
const folders = Object.keys(allowedImports) as Folder[]
/** Folders whose code must not touch Node's APIs: they run in the browser too. */
const isomorphic: Folder[] = ['shared', 'nodes']

interface ImportEdge {
  file: string
  specifier: string
  target: string
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (entry === 'node_modules' || entry === 'dist' || entry === 'data') return []
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mjs)$/.test(entry) ? [path] : []
  })
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ]
  return specifiers
    .map((m) => m[1] ?? m[2] ?? '')
    .map((specifier) => ({
      file: relative(projectRoot, file),
      specifier,
      target: specifier.startsWith('.')
        ? relative(projectRoot, resolve(dirname(file), specifier))
        : specifier,
    }))
}

function folderOf(path: string): Folder | undefined {
  const top = path.split(sep)[0]
  return folders.find((f) => f === top)
}

const edges = folders
  .flatMap((folder) => {
    try {
      return sourceFiles(join(projectRoot, folder))
    } catch {
      return []
    }
  })
  .flatMap(importsOf)

const isTestFile = (file: string) => /\.test\.tsx?$/.test(file)

describe('architecture', () => {
  it('reads the import graph of the project', () => {
    expect(edges.length).toBeGreaterThan(100)
  })

  it('imports across top-level folders only where the layering allows', () => {
    const crossings = edges.filter((edge) => {
      const from = folderOf(edge.file)
      const to = edge.specifier.startsWith('.') ? folderOf(edge.target) : undefined
      if (!from || !to || from === to) return false
      // Tests beside the code may use the shared test stubs and fixtures in test/.
      if (isTestFile(edge.file) && to === 'test') return false
      // A custom-node example's test may check that the runtime loads it.
      if (from === 'examples' && isTestFile(edge.file) && to === 'runtime') return false
      return !allowedImports[from].includes(to)
    })
    expect(crossings).toEqual([])
  })

  it('enters another module only through its index.ts', () => {
    const deep = edges.filter((edge) => {
      const from = folderOf(edge.file)
      const to = edge.specifier.startsWith('.') ? folderOf(edge.target) : undefined
      if (!from || !to || from === to || from === 'test' || from === 'bench') return false
      if (isTestFile(edge.file) && to === 'test') return false
      return edge.target !== join(to, 'index.ts')
    })
    expect(deep).toEqual([])
  })

  it('keeps Node.js APIs out of the code that also runs in the browser', () => {
    const nodeApis = edges.filter(
      (edge) =>
        isomorphic.includes(folderOf(edge.file) ?? 'test') &&
        !isTestFile(edge.file) &&
        (edge.specifier.startsWith('node:') ||
          ['fs', 'path', 'crypto', 'child_process'].includes(edge.specifier)),
    )
    expect(nodeApis).toEqual([])
  })

  it('never evaluates code from strings', () => {
    const offenders = folders
      .filter((f) => f !== 'test')
      .flatMap((folder) => {
        try {
          return sourceFiles(join(projectRoot, folder))
        } catch {
          return []
        }
      })
      .filter((file) => /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(projectRoot, file))
    expect(offenders).toEqual([])
  })
})
