import { existsSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface SourceLocation {
  /** Relative to the project root when inside it. */
  file: string
  /** 1-based; undefined when the position would mislead (code compiled without a map). */
  line: number | undefined
}

/**
 * Turns a profile's position in generated code into the original file and line, through the
 * `.map` beside a bundle (dist/server/main.mjs.map): without it the whole server is one file.
 */
export class SourceLocator {
  private readonly maps = new Map<string, SourceMap | null>()

  constructor(private readonly root: string) {}

  /** `lineNumber` and `columnNumber` are 0-based, as V8 reports them. */
  locate(url: string, lineNumber: number, columnNumber: number): SourceLocation {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url
    const map = this.mapFor(file)
    const entry = map?.findEntry(lineNumber, columnNumber)
    if (entry && 'originalSource' in entry) {
      const original = resolve(dirname(file), entry.originalSource)
      return { file: this.shorten(original), line: entry.originalLine + 1 }
    }
    // tsx compiles .ts files in memory: V8's positions there do not match the source.
    return { file: this.shorten(file), line: file.endsWith('.ts') ? undefined : lineNumber + 1 }
  }

  private shorten(file: string): string {
    const path = relative(this.root, file)
    return path.startsWith('..') ? file : path
  }

  private mapFor(file: string): SourceMap | null {
    const known = this.maps.get(file)
    if (known !== undefined) return known
    const mapFile = `${file}.map`
    // Only our own bundles carry maps worth reading; node_modules files are read as they are.
    const map =
      file.startsWith('/') && !file.includes('node_modules') && existsSync(mapFile)
        ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')))
        : null
    this.maps.set(file, map)
    return map
  }
}
