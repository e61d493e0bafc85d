import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { errorCodes } from '../shared/index.ts'
import { projectRoot } from './support/server-process.ts'

describe('documentation', () => {
  it('lists every API error code in docs/api.md', () => {
    const apiDoc = readFileSync(join(projectRoot, 'docs', 'api.md'), 'utf8')

    const missing = errorCodes.filter((code) => !apiDoc.includes(`\`${code}\``))

    expect(missing).toEqual([])
  })

  it('shows the README commands that start Switchboard and run the tests', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8')

    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm test')
  })
})
