import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  adminPasswordFileName,
  adminTokenNotice,
  removeSpentOneTimePassword,
  saveOneTimePassword,
} from './first-start-secrets.ts'

const password = 'Xq3-one-time-password-24'

describe('first start secrets', () => {
  let dataDir = ''
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-first-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('prints the admin token to a terminal, and only its file to a log', () => {
    const file = join(dataDir, 'admin-token')

    const toTerminal = adminTokenNotice({ token: 'sb_secret-token', file, isTerminal: true })
    const toLog = adminTokenNotice({ token: 'sb_secret-token', file, isTerminal: false })

    expect(toTerminal).toContain('sb_secret-token')
    expect(toLog).not.toContain('sb_secret-token')
    expect(toLog).toContain(file)
  })

  it('keeps the one-time password in a file only its owner can read, and prints only the path to a log', () => {
    const notice = saveOneTimePassword({ dataDir, username: 'admin', password, isTerminal: false })

    const file = join(dataDir, adminPasswordFileName)
    expect(readFileSync(file, 'utf8').trim()).toBe(password)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(notice).not.toContain(password)
    expect(notice).toContain(file)
  })

  it('prints the one-time password to a terminal as well', () => {
    const notice = saveOneTimePassword({ dataDir, username: 'admin', password, isTerminal: true })

    expect(notice).toMatch(new RegExp(`one-time password[^\\n]*\\n\\s+${password}`))
  })

  it('replaces a file left from an earlier database with a new owner-only one', () => {
    const file = join(dataDir, adminPasswordFileName)
    writeFileSync(file, 'stale\n', { mode: 0o644 })

    saveOneTimePassword({ dataDir, username: 'admin', password, isTerminal: false })

    expect(readFileSync(file, 'utf8').trim()).toBe(password)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('removes the file once the password was changed, and keeps it until then', () => {
    saveOneTimePassword({ dataDir, username: 'admin', password, isTerminal: false })
    const file = join(dataDir, adminPasswordFileName)

    const whileValid = removeSpentOneTimePassword(dataDir, true)
    const existsWhileValid = existsSync(file)
    const afterChange = removeSpentOneTimePassword(dataDir, false)

    expect([whileValid, existsWhileValid, afterChange, existsSync(file)]).toEqual([
      false,
      true,
      true,
      false,
    ])
  })
})
