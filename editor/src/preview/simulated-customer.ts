/** Who the test chat pretends to be; sent when the test conversation starts. */
export interface SimulatedCustomer {
  customerId: string
  channel: string
  /** The profile as the operator typed it: a JSON object, or empty for none. */
  profileText: string
}

export const defaultCustomer: SimulatedCustomer = {
  customerId: '',
  channel: 'test',
  profileText: '',
}

export type ProfileParse =
  | { ok: true; profile: Record<string, unknown> | undefined }
  | { ok: false; reason: 'json' | 'object' }

/** Reads the profile textarea: empty is no profile, anything else must be a JSON object. */
export function parseProfile(text: string): ProfileParse {
  if (text.trim() === '') return { ok: true, profile: undefined }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'json' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'object' }
  return { ok: true, profile: value as Record<string, unknown> }
}

/** The start body's customer part; blank fields are left out so the server's defaults apply. */
export function startBody(customer: SimulatedCustomer, locale: string): Record<string, unknown> {
  const parsed = parseProfile(customer.profileText)
  const channel = customer.channel.trim()
  const customerId = customer.customerId.trim()
  return {
    locale,
    ...(channel === '' ? {} : { channel }),
    ...(customerId === '' ? {} : { customerId }),
    ...(parsed.ok && parsed.profile ? { profile: parsed.profile } : {}),
  }
}
