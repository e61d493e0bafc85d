import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Holds the first admin's one-time password until it has been changed. */
export const adminPasswordFileName = 'admin-password'

// Values that grant access are printed only to a terminal. Process managers (systemd's journal,
// docker logs, pm2) keep stdout for good, where anyone who can read the logs could sign in: there
// the notice names the file, readable by its owner only, instead of the value.
const notPrinted = 'readable by its owner only; not printed, as this output may be kept in a log'

export function adminTokenNotice(options: {
  token: string
  file: string
  isTerminal: boolean
}): string {
  return options.isTerminal
    ? `\nAdmin API token (saved in ${options.file}):\n  ${options.token}\n\n`
    : `\nAdmin API token: saved in ${options.file} (${notPrinted}).\n\n`
}

/**
 * Saves the first admin's one-time password in DATA_DIR/admin-password (mode 600) and returns
 * what to print: the password itself only to a terminal, else where it is.
 */
export function saveOneTimePassword(options: {
  dataDir: string
  username: string
  password: string
  isTerminal: boolean
}): string {
  const file = join(options.dataDir, adminPasswordFileName)
  mkdirSync(options.dataDir, { recursive: true })
  // A file left from an earlier database keeps its old mode: write a new one, owner-only.
  rmSync(file, { force: true })
  writeFileSync(file, `${options.password}\n`, { mode: 0o600, flag: 'wx' })
  const who = `Admin user "${options.username}"`
  return options.isTerminal
    ? `\n${who}, one-time password (change it at first sign-in; kept in ${file} until then):\n  ${options.password}\n\n`
    : `\n${who}: one-time password saved in ${file} (${notPrinted}). Sign in to the editor with it and set your own; the file is removed at the next start after that.\n\n`
}

/** Once the one-time password was changed the file holds nothing that works: remove it. */
export function removeSpentOneTimePassword(dataDir: string, isStillValid: boolean): boolean {
  const file = join(dataDir, adminPasswordFileName)
  if (isStillValid || !existsSync(file)) return false
  rmSync(file)
  return true
}
