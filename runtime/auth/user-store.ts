import { randomUUID } from 'node:crypto'
import { and, eq, isNull, or } from 'drizzle-orm'
import type { Role, User } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { users } from '../storage/schema.ts'
import { UserExistsError, UserNotFoundError } from './errors.ts'

type UserRow = typeof users.$inferSelect

export interface NewUser {
  username: string
  email?: string | undefined
  displayName?: string | undefined
  role: Role
  passwordHash: string
  mustChangePassword: boolean
}

export interface UserChanges {
  email?: string | null | undefined
  displayName?: string | undefined
  role?: Role | undefined
  isDisabled?: boolean | undefined
}

/** Sign-in names ignore letter case and surrounding spaces. */
export const normalizeLogin = (login: string) => login.trim().toLowerCase()

/** Users in SQLite. Returns the public shape (no hash) except where sign-in needs the hash. */
export class UserStore {
  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: NewUser): Promise<User> {
    const username = normalizeLogin(input.username)
    const email = input.email ? normalizeLogin(input.email) : null
    const at = new Date(this.now()).toISOString()
    const row: UserRow = {
      id: randomUUID(),
      username,
      email,
      displayName: input.displayName?.trim() || input.username.trim(),
      role: input.role,
      passwordHash: input.passwordHash,
      mustChangePassword: input.mustChangePassword,
      disabledAt: null,
      createdAt: at,
      updatedAt: at,
    }
    this.database.transaction(() => {
      this.assertFree(username, email)
      this.database.db.insert(users).values(row).run()
    })
    return toUser(row)
  }

  async list(): Promise<User[]> {
    return this.database.db.select().from(users).orderBy(users.createdAt).all().map(toUser)
  }

  async get(userId: string): Promise<User> {
    return toUser(this.row(userId))
  }

  async count(): Promise<number> {
    return this.database.db.select({ id: users.id }).from(users).all().length
  }

  /** The row with its hash, by user name or e-mail; for sign-in only. */
  findForSignIn(login: string): UserRow | undefined {
    const wanted = normalizeLogin(login)
    return this.database.db
      .select()
      .from(users)
      .where(or(eq(users.username, wanted), eq(users.email, wanted)))
      .get()
  }

  /** Applies changes; refuses one that would leave no active admin (`assertAdminLeft`). */
  async update(
    userId: string,
    changes: UserChanges,
    assertAdminLeft: (activeAdmins: number) => void,
  ): Promise<User> {
    return this.database.transaction(() => {
      const current = this.row(userId)
      const email =
        changes.email === undefined
          ? current.email
          : changes.email === null
            ? null
            : normalizeLogin(changes.email)
      if (email && email !== current.email) this.assertFree(undefined, email)
      const next: UserRow = {
        ...current,
        email,
        displayName: changes.displayName?.trim() || current.displayName,
        role: changes.role ?? current.role,
        disabledAt:
          changes.isDisabled === undefined
            ? current.disabledAt
            : changes.isDisabled
              ? (current.disabledAt ?? new Date(this.now()).toISOString())
              : null,
        updatedAt: new Date(this.now()).toISOString(),
      }
      const wasActiveAdmin = current.role === 'admin' && current.disabledAt === null
      const isActiveAdmin = next.role === 'admin' && next.disabledAt === null
      if (wasActiveAdmin && !isActiveAdmin) assertAdminLeft(this.activeAdmins() - 1)
      this.database.db.update(users).set(next).where(eq(users.id, userId)).run()
      return toUser(next)
    })
  }

  async setPassword(userId: string, passwordHash: string, mustChange: boolean): Promise<void> {
    this.row(userId)
    this.database.db
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: mustChange,
        updatedAt: new Date(this.now()).toISOString(),
      })
      .where(eq(users.id, userId))
      .run()
  }

  private activeAdmins(): number {
    return this.database.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
      .all().length
  }

  private row(userId: string): UserRow {
    const row = this.database.db.select().from(users).where(eq(users.id, userId)).get()
    if (!row) throw new UserNotFoundError(userId)
    return row
  }

  private assertFree(username: string | undefined, email: string | null): void {
    // A login must name one user: no user name may equal another user's e-mail, either way.
    for (const [field, value] of [
      ['username', username],
      ['email', email],
    ] as const) {
      if (!value) continue
      const taken = this.database.db
        .select({ id: users.id })
        .from(users)
        .where(or(eq(users.username, value), eq(users.email, value)))
        .get()
      if (taken) throw new UserExistsError(field, value)
    }
  }
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
    isDisabled: row.disabledAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
