import type { JsonObject } from '../../shared/index.ts'

/**
 * Encrypts the sensitive fields of a customer profile before it is stored and opens them when it
 * is read (runtime/security makes the real one). `context` names the row, so a sealed field
 * copied into another customer's row does not open there.
 */
export interface ProfileSealer {
  seal(profile: JsonObject, context: string): JsonObject
  open(profile: JsonObject, context: string): JsonObject
}

/** Stores profiles as they are: for tests of storage itself. */
export const plainProfiles: ProfileSealer = {
  seal: (profile) => profile,
  open: (profile) => profile,
}

/** The context of a stored customer row and of a conversation's copy of the profile. */
export const customerProfileContext = (customerId: string) => `customer:${customerId}:profile`
export const conversationProfileContext = (conversationId: string) =>
  `conversation:${conversationId}:user`
