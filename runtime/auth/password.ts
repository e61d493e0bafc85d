import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { z } from 'zod'

/** argon2id cost. The defaults are OWASP's minimum (19 MiB, 2 passes); tests pass cheaper ones. */
export interface PasswordHashing {
  memoryCost: number
  timeCost: number
}

export const defaultPasswordHashing: PasswordHashing = { memoryCost: 19_456, timeCost: 2 }

export const passwordSchema = z
  .string()
  .min(10, 'use at least 10 characters')
  .max(200, 'use at most 200 characters')

export function hashPassword(password: string, cost: PasswordHashing): Promise<string> {
  // @node-rs/argon2 hashes with argon2id unless told otherwise.
  return hash(password, { memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 })
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    // A malformed stored hash is a wrong password, not a 500 that tells the caller something.
    return false
  }
}

/** A one-time password: 18 random bytes, 24 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}
