/**
 * How a long-lived response (a Server-Sent Events stream) learns that its caller's access
 * ended after it opened: an API key revoked, a user disabled or demoted, a session signed out or
 * expired. The auth middleware (auth.ts) makes one per request as `c.get('access')`.
 */
export interface AccessWatch {
  /** Whether the request's credential still works and its role may still use the route. */
  isStillAllowed: () => Promise<boolean>
  /** How often an open stream asks. */
  everyMs: number
}

/** Streams re-check their caller this often unless the app is told otherwise. */
export const defaultAccessRecheckMs = 5000

/** What an open stream sends last when its caller's access has ended. */
export const accessEndedEvent = {
  event: 'access_ended',
  data: JSON.stringify({
    code: 'unauthorized',
    message: 'Your access ended (signed out, disabled, revoked or expired): sign in again',
  }),
} as const

/**
 * Calls `onEnded` once, the first time `access` says no. A timer rather than a check per event:
 * one lookup per stream every `everyMs` whatever the traffic, and it also notices what happens
 * in other processes and sessions that simply expire. Returns the stop function.
 */
export function watchAccess(access: AccessWatch, onEnded: () => void): () => void {
  let isChecking = false
  let isStopped = false
  const timer = setInterval(async () => {
    if (isChecking) return
    isChecking = true
    const isAllowed = await access.isStillAllowed().catch(() => false)
    isChecking = false
    if (!isAllowed && !isStopped) {
      isStopped = true
      clearInterval(timer)
      onEnded()
    }
  }, access.everyMs)
  return () => {
    isStopped = true
    clearInterval(timer)
  }
}
