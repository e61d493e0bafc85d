import { eq } from 'drizzle-orm'
import type { Database } from '../storage/index.ts'
import { signInFailures } from '../storage/schema.ts'

export interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number
  /** The first lock; each further failure doubles it… */
  firstLockMs: number
  /** …up to this. */
  maxLockMs: number
  /** A failure this long after the last one starts counting from zero again. */
  forgetAfterMs: number
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailures: 5,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
}

/** How long to lock after the `failures`-th failure in a row (0 = not locked). */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0
  const doublings = Math.min(failures - policy.freeFailures, 30)
  return Math.min(policy.firstLockMs * 2 ** doublings, policy.maxLockMs)
}

/**
 * Per-login lock-out with exponential back-off. Keyed by the login as typed (normalised), so
 * names without an account lock the same way and a lock says nothing about who exists.
 */
export class SignInThrottle {
  constructor(
    private readonly database: Database,
    private readonly policy: ThrottlePolicy = defaultThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `login` may try again; 0 when it may now. */
  waitMs(login: string): number {
    const row = this.row(login)
    if (!row?.lockedUntil) return 0
    return Math.max(0, Date.parse(row.lockedUntil) - this.now())
  }

  recordFailure(login: string): void {
    const at = this.now()
    const previous = this.row(login)
    const isForgotten =
      !previous || at - Date.parse(previous.lastFailureAt) >= this.policy.forgetAfterMs
    const failures = (isForgotten ? 0 : previous.failures) + 1
    const lockMs = lockDurationMs(failures, this.policy)
    const values = {
      failures,
      lastFailureAt: new Date(at).toISOString(),
      lockedUntil: lockMs > 0 ? new Date(at + lockMs).toISOString() : null,
    }
    this.database.db
      .insert(signInFailures)
      .values({ login, ...values })
      .onConflictDoUpdate({ target: signInFailures.login, set: values })
      .run()
  }

  clear(login: string): void {
    this.database.db.delete(signInFailures).where(eq(signInFailures.login, login)).run()
  }

  private row(login: string) {
    return this.database.db
      .select()
      .from(signInFailures)
      .where(eq(signInFailures.login, login))
      .get()
  }
}
