import type { Logger } from '../logger.ts'
import type { Database } from '../storage/index.ts'

export interface SweepOptions {
  idleTimeoutMs: number
  now?: () => number
}

/**
 * Closes conversations whose customer went silent mid-flow (DESIGN §10 abandonment): active,
 * untouched for `idleTimeoutMs`, and not inside a turn. One conditional UPDATE does it, so it
 * can never race a turn: a turn holding the conversation's lease (lock_token, lock_until in
 * the future) keeps it, and a turn that takes the lease afterwards finds it closed. Waiting for
 * an agent is not idleness: those conversations are the agents' to close. Returns how many.
 */
export function sweepIdleConversations(database: Database, options: SweepOptions): number {
  const nowMs = (options.now ?? Date.now)()
  const nowIso = new Date(nowMs).toISOString()
  const cutoff = new Date(nowMs - options.idleTimeoutMs).toISOString()
  const { changes } = database.sqlite
    .prepare(`UPDATE conversations SET status = 'closed', resolution = 'abandoned',
      closed_at = @nowIso, updated_at = @nowIso
      WHERE status = 'active' AND updated_at < @cutoff
      AND (lock_token IS NULL OR lock_until < @nowMs)`)
    .run({ nowIso, cutoff, nowMs })
  return changes
}

export interface IdleSweeper {
  stop(): void
}

/** Runs the sweep every `everyMs` (a tenth of the timeout, between 5 s and 1 min by default). */
export function startIdleSweeper(
  database: Database,
  options: SweepOptions & { log: Logger; everyMs?: number },
): IdleSweeper {
  const everyMs =
    options.everyMs ?? Math.min(60_000, Math.max(5_000, Math.floor(options.idleTimeoutMs / 10)))
  const timer = setInterval(() => {
    try {
      const closed = sweepIdleConversations(database, options)
      if (closed > 0) options.log.info('idle conversations closed as abandoned', { closed })
    } catch (error) {
      // A busy database just waits for the next round.
      options.log.error('idle sweep failed', error)
    }
  }, everyMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
