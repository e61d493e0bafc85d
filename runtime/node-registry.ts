import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { builtinNodeTypes } from '../nodes/index.ts'
import { type AnyNodeType, type NodeRegistry, NodeTypeInvalidError } from '../shared/index.ts'

const nodeTypeName = /^[a-z][a-z0-9-]{0,63}$/

/**
 * Built-in node types plus the custom ones in `customNodesDir`: each sub-folder with an
 * index.ts or index.js, or a single .ts/.js file, that default-exports defineNode({...}).
 * Custom types use the very API the built-ins use; a bad one stops the start with its path.
 */
export async function loadNodeRegistry(customNodesDir?: string): Promise<NodeRegistry> {
  const registry = new Map<string, AnyNodeType>()
  for (const nodeType of builtinNodeTypes) register(registry, nodeType, 'built-in nodes')
  if (customNodesDir) {
    for (const file of customNodeFiles(customNodesDir)) {
      const module = await importNodeModule(file)
      const candidate =
        typeof module === 'object' && module !== null && 'default' in module
          ? module.default
          : undefined
      register(registry, checkNodeType(candidate, file), file)
    }
  }
  return registry
}

let isTypeScriptLoaderRegistered = false

/**
 * Imports a custom node module. The bundled server has no TypeScript loader, so for a .ts file
 * it registers tsx's once; under tsx or vitest, TypeScript already loads and nothing is added.
 */
async function importNodeModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href
  try {
    return await import(url)
  } catch (error) {
    const isUnknownExtension =
      error instanceof Error && 'code' in error && error.code === 'ERR_UNKNOWN_FILE_EXTENSION'
    if (!isUnknownExtension || isTypeScriptLoaderRegistered) throw error
    const { register } = await import('tsx/esm/api')
    register()
    isTypeScriptLoaderRegistered = true
    // The failed import stays cached under its URL: ask again under another one.
    return import(`${url}?typescript`)
  }
}

function customNodeFiles(dir: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) {
      const index = ['index.ts', 'index.js', 'index.mjs'].map((f) => join(path, f)).find(isFile)
      if (index) files.push(index)
    } else if (
      /\.(ts|js|mjs)$/.test(entry) &&
      !/\.(test|spec)\.(ts|js|mjs)$/.test(entry) &&
      !entry.endsWith('.d.ts')
    ) {
      files.push(path)
    }
  }
  return files
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function checkNodeType(candidate: unknown, where: string): AnyNodeType {
  if (typeof candidate !== 'object' || candidate === null) {
    throw new NodeTypeInvalidError(where, 'the module has no default export from defineNode({...})')
  }
  const fields: [string, string][] = [
    ['type', 'string'],
    ['version', 'number'],
    ['category', 'string'],
    ['titles', 'object'],
    ['config', 'object'],
    ['outputs', 'function'],
    ['run', 'function'],
  ]
  for (const [field, kind] of fields) {
    const value: unknown = Reflect.get(candidate, field)
    if (typeof value !== kind) {
      throw new NodeTypeInvalidError(where, `"${field}" must be a ${kind}`)
    }
  }
  const config: unknown = Reflect.get(candidate, 'config')
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof Reflect.get(config, 'safeParse') !== 'function'
  ) {
    throw new NodeTypeInvalidError(where, '"config" must be a zod schema')
  }
  // Checked field by field above; defineNode's type is what the module declared.
  return candidate as AnyNodeType
}

function register(registry: Map<string, AnyNodeType>, nodeType: AnyNodeType, where: string): void {
  if (!nodeTypeName.test(nodeType.type)) {
    throw new NodeTypeInvalidError(
      where,
      `type "${nodeType.type}" must be lower-case letters, digits and "-"`,
    )
  }
  if (registry.has(nodeType.type)) {
    throw new NodeTypeInvalidError(
      where,
      `a node type named "${nodeType.type}" is already installed`,
    )
  }
  registry.set(nodeType.type, nodeType)
}
