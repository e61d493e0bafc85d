import type { Context } from 'hono'

/**
 * The caller's address: the socket's peer, or, behind a TLS proxy that you trust
 * (TRUST_PROXY=true), the LAST address of X-Forwarded-For — the one that proxy appended. The
 * entries before it are whatever the client sent and prove nothing: taking the first would
 * let anyone pick their own rate-limit bucket and audit address. 'unknown' for in-process
 * requests (tests).
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  return socketAddress(c.env) ?? 'unknown'
}

/** @hono/node-server puts the Node request in `c.env.incoming`. */
function socketAddress(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined
  const incoming: unknown = env.incoming
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return undefined
  const socket: unknown = incoming.socket
  if (typeof socket !== 'object' || socket === null || !('remoteAddress' in socket)) {
    return undefined
  }
  return typeof socket.remoteAddress === 'string' ? socket.remoteAddress : undefined
}
