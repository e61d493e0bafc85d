import type { Role, User } from '../../shared/index.ts'
import type { Database } from '../storage/index.ts'
import { ApiKeyStore } from './api-key-store.ts'
import {
  AccountLockedError,
  ForbiddenError,
  InvalidCredentialsError,
  LastAdminError,
} from './errors.ts'
import {
  defaultPasswordHashing,
  generatePassword,
  hashPassword,
  type PasswordHashing,
  verifyPassword,
} from './password.ts'
import type { Principal } from './principal.ts'
import { defaultSessionTimes, SessionStore, type SessionTimes } from './session-store.ts'
import { defaultThrottlePolicy, SignInThrottle, type ThrottlePolicy } from './sign-in-throttle.ts'
import { normalizeLogin, type UserChanges, UserStore } from './user-store.ts'

export interface AccountsOptions {
  database: Database
  now?: () => number
  hashing?: PasswordHashing
  sessionTimes?: SessionTimes
  throttle?: ThrottlePolicy
}

export interface NewUserInput {
  username: string
  email?: string | undefined
  displayName?: string | undefined
  role: Role
  /** When absent a one-time password is made, returned once, and must be changed at sign-in. */
  password?: string | undefined
}

export type Accounts = ReturnType<typeof createAccounts>

/**
 * argon2id (m=19456, t=2, p=1: `defaultPasswordHashing`) of a random password nobody kept: no
 * password matches it, and checking one against it costs what checking a user's does.
 */
const defaultCostDecoyHash =
  '$argon2id$v=19$m=19456,t=2,p=1$tpNcTrQII4uHg6aJJcqwaw$29Qqzs8xVH/w1seUBuKhUtLy2GpOEDHU56G2ldcU7Hw'

/** Users, sessions, sign-in lock-out and API keys over one database (issue #8, items 1–3). */
export function createAccounts(options: AccountsOptions) {
  const now = options.now ?? Date.now
  const hashing = options.hashing ?? defaultPasswordHashing
  const users = new UserStore(options.database, now)
  const sessions = new SessionStore(
    options.database,
    options.sessionTimes ?? defaultSessionTimes,
    now,
  )
  const throttle = new SignInThrottle(
    options.database,
    options.throttle ?? defaultThrottlePolicy,
    now,
  )
  const apiKeys = new ApiKeyStore(options.database, now)
  // Verified against when the login is unknown, so both cases take the same time. Not hashed
  // at every start: an argon2id hash holds 19 MiB while it runs, and at start it ran beside the
  // first admin's, raising the server's peak memory by ~20 MB. With the default cost a stored
  // decoy of that cost serves; other costs (tests) hash one at the first unknown login.
  let decoyHash: Promise<string> | undefined =
    hashing === defaultPasswordHashing ? Promise.resolve(defaultCostDecoyHash) : undefined
  const decoy = () => {
    decoyHash ??= hashPassword(generatePassword(), hashing)
    return decoyHash
  }

  async function createUser(
    input: NewUserInput,
  ): Promise<{ user: User; oneTimePassword?: string }> {
    const oneTimePassword = input.password === undefined ? generatePassword() : undefined
    const password = input.password ?? oneTimePassword ?? ''
    const user = await users.create({
      ...input,
      passwordHash: await hashPassword(password, hashing),
      mustChangePassword: oneTimePassword !== undefined,
    })
    return oneTimePassword === undefined ? { user } : { user, oneTimePassword }
  }

  return {
    users,
    sessions,
    apiKeys,
    throttle,
    createUser,

    /** Checks the password (with lock-out) and opens a new session. */
    async signIn(login: string, password: string) {
      const key = normalizeLogin(login)
      const waitMs = throttle.waitMs(key)
      if (waitMs > 0) throw new AccountLockedError(Math.ceil(waitMs / 1000))
      // Counted as a failure before the slow hash check (with no await since the lock check),
      // so parallel guesses cannot all pass the lock while their checks run; success clears it.
      throttle.recordFailure(key)
      const row = users.findForSignIn(key)
      const isMatch = await verifyPassword(row?.passwordHash ?? (await decoy()), password)
      if (!row || !isMatch || row.disabledAt !== null) throw new InvalidCredentialsError()
      throttle.clear(key)
      const session = sessions.create(row.id)
      return { ...session, user: await users.get(row.id) }
    },

    /** The principal of a live session of an enabled user, else undefined. */
    async principalForSession(
      token: string,
      options: { isTouching?: boolean } = {},
    ): Promise<Principal | undefined> {
      const userId = sessions.resolve(token, options)
      if (!userId) return undefined
      const user = await users.get(userId).catch(() => undefined)
      if (!user || user.isDisabled) return undefined
      return {
        kind: 'user',
        id: user.id,
        name: user.displayName,
        role: user.role,
        ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
      }
    },

    /** A user's own change; other sessions of theirs end, the current one stays. */
    async changePassword(userId: string, current: string, next: string, keepToken?: string) {
      // A stolen session must not be a way to guess the password: wrong current passwords
      // count against the sign-in lock-out of the user name, in the same order as signIn.
      const key = normalizeLogin((await users.get(userId)).username)
      const waitMs = throttle.waitMs(key)
      if (waitMs > 0) throw new AccountLockedError(Math.ceil(waitMs / 1000))
      throttle.recordFailure(key)
      const row = users.findForSignIn(key)
      if (!row || !(await verifyPassword(row.passwordHash, current))) {
        throw new InvalidCredentialsError()
      }
      throttle.clear(key)
      await users.setPassword(userId, await hashPassword(next, hashing), false)
      sessions.endAllFor(userId, keepToken)
    },

    /** An admin's reset: a new one-time password, and every session of the user ends. */
    async resetPassword(userId: string): Promise<string> {
      const oneTimePassword = generatePassword()
      await users.setPassword(userId, await hashPassword(oneTimePassword, hashing), true)
      sessions.endAllFor(userId)
      return oneTimePassword
    },

    async updateUser(userId: string, changes: UserChanges, actor: Principal): Promise<User> {
      if (actor.kind === 'user' && actor.id === userId && changes.isDisabled) {
        throw new ForbiddenError('You cannot disable your own account')
      }
      const user = await users.update(userId, changes, (activeAdmins) => {
        // The admin token still works, but a workspace with no admin user is one step from lost.
        if (activeAdmins < 1) throw new LastAdminError()
      })
      if (user.isDisabled) sessions.endAllFor(userId)
      return user
    },

    /**
     * At first start (no users at all) makes the admin user: with `password` when given (e.g.
     * SWITCHBOARD_ADMIN_PASSWORD), else with a one-time password returned here to print once.
     */
    async ensureFirstAdmin(password?: string): Promise<{ username: string; password?: string }> {
      if ((await users.count()) > 0) return { username: 'admin' }
      const made = await createUser({
        username: 'admin',
        displayName: 'Admin',
        role: 'admin',
        password,
      })
      return made.oneTimePassword === undefined
        ? { username: made.user.username }
        : { username: made.user.username, password: made.oneTimePassword }
    },
  }
}
