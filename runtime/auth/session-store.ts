import { createHash, randomBytes } from 'node:crypto'
import { and, eq, lt, ne } from 'drizzle-orm'
import type { Database } from '../storage/index.ts'
import { authSessions } from '../storage/schema.ts'

export interface SessionTimes {
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number
  /** …and this long after its last request. */
  idleMs: number
}

export const defaultSessionTimes: SessionTimes = {
  absoluteMs: 12 * 60 * 60 * 1000,
  idleMs: 2 * 60 * 60 * 1000,
}

// Writing last_seen_at on every request would make each read a write; a minute is precise enough
// for a two-hour idle limit.
const touchEveryMs = 60_000

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')

/** The CSRF token of a session: derived from its secret, so it needs no storage of its own. */
export const csrfTokenFor = (sessionToken: string) => sha256(`csrf:${sessionToken}`)

/**
 * Browser sessions in SQLite, so they survive a restart and are shared by several processes.
 * The cookie holds a random 256-bit token; the table holds only its SHA-256.
 */
export class SessionStore {
  constructor(
    private readonly database: Database,
    private readonly times: SessionTimes = defaultSessionTimes,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session (a new token at every sign-in: a token planted before cannot be used). */
  create(userId: string): { token: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url')
    const at = this.now()
    const expiresAt = new Date(at + this.times.absoluteMs).toISOString()
    this.database.db
      .insert(authSessions)
      .values({
        id: sha256(token),
        userId,
        createdAt: new Date(at).toISOString(),
        lastSeenAt: new Date(at).toISOString(),
        expiresAt,
      })
      .run()
    this.database.db
      .delete(authSessions)
      .where(lt(authSessions.expiresAt, new Date(at).toISOString()))
      .run()
    return { token, expiresAt }
  }

  /**
   * The user id of a live session, touching it (unless `isTouching` is false: an open stream
   * re-checking its session is not a request, so it must not hold the session open past idle);
   * undefined (and deleted) once expired.
   */
  resolve(token: string, { isTouching = true }: { isTouching?: boolean } = {}): string | undefined {
    const id = sha256(token)
    const row = this.database.db.select().from(authSessions).where(eq(authSessions.id, id)).get()
    if (!row) return undefined
    const at = this.now()
    const idleUntil = Date.parse(row.lastSeenAt) + this.times.idleMs
    if (at >= Date.parse(row.expiresAt) || at >= idleUntil) {
      this.database.db.delete(authSessions).where(eq(authSessions.id, id)).run()
      return undefined
    }
    if (isTouching && at - Date.parse(row.lastSeenAt) >= touchEveryMs) {
      this.database.db
        .update(authSessions)
        .set({ lastSeenAt: new Date(at).toISOString() })
        .where(eq(authSessions.id, id))
        .run()
    }
    return row.userId
  }

  end(token: string): void {
    this.database.db
      .delete(authSessions)
      .where(eq(authSessions.id, sha256(token)))
      .run()
  }

  /** Ends every session of a user (disabled, password changed), but `keepToken`'s if given. */
  endAllFor(userId: string, keepToken?: string): void {
    const keep = keepToken ? ne(authSessions.id, sha256(keepToken)) : undefined
    this.database.db
      .delete(authSessions)
      .where(keep ? and(eq(authSessions.userId, userId), keep) : eq(authSessions.userId, userId))
      .run()
  }
}
