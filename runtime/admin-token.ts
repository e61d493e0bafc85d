import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The admin API token: SWITCHBOARD_ADMIN_TOKEN when set; otherwise generated at first start,
 * kept in DATA_DIR/admin-token (readable by the owner only) and printed that one time.
 */
export function ensureAdminToken(
  dataDir: string,
  fromEnv: string | undefined,
): { token: string; isNew: boolean } {
  if (fromEnv) return { token: fromEnv, isNew: false }
  const file = join(dataDir, 'admin-token')
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), isNew: false }
  mkdirSync(dataDir, { recursive: true })
  const token = `sb_${randomBytes(24).toString('base64url')}`
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' })
  return { token, isNew: true }
}
