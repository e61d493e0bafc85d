import type { Database } from '../storage/index.ts'
import { noTokenPrices, type TokenPrices, tokenPricesSchema } from './kpi-definitions.ts'

// Turns record tokens, not which model spent them, so cost uses one workspace-wide price per
// 1,000 prompt and completion tokens, kept in workspace_settings. Cost is computed when read:
// changing the price re-prices the past too, which is what a budget question wants.
const settingKey = 'analytics.tokenPrices'

export function readTokenPrices(database: Database): TokenPrices {
  const row = database.sqlite
    .prepare('SELECT value FROM workspace_settings WHERE key = ?')
    .get(settingKey) as { value: string } | undefined
  if (!row) return noTokenPrices
  const parsed = tokenPricesSchema.safeParse(JSON.parse(row.value))
  return parsed.success ? parsed.data : noTokenPrices
}

export function writeTokenPrices(database: Database, prices: TokenPrices, nowIso: string): void {
  database.sqlite
    .prepare(
      `INSERT INTO workspace_settings (key, value, updated_at, revision) VALUES (@key, @value, @now, 1)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       revision = workspace_settings.revision + 1`,
    )
    .run({ key: settingKey, value: JSON.stringify(prices), now: nowIso })
}
