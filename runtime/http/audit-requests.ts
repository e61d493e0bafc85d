import type { MiddlewareHandler } from 'hono'
import { type AuditActor, type AuditLog, digestOf } from '../audit/index.ts'
import type { Logger } from '../logger.ts'
import type { AuditDetail, AuditVariables } from './audit-context.ts'
import type { AuthVariables } from './auth.ts'
import { clientIp } from './client-ip.ts'
import { matchedRoute } from './route-pattern.ts'

/** GETs that show customers' conversations: reading them is audited like a change. */
const transcriptReads = new Set([
  '/api/conversations/{id}',
  '/api/conversations/{id}/trace',
  // The agent console's view of one conversation (runtime/http/routes/agent-console.ts).
  '/api/agent/conversations/{id}',
])

/**
 * A customer's live stream replays the transcript: recorded when a person opens it, not when
 * the customer's own channel (an API key) does, which is traffic like the customer's turns.
 */
const personReads = new Set(['/api/conversations/{id}/stream'])

/**
 * Customer turns are traffic, not a person's change, when a channel's API key or a person in a
 * test chat sends them: recording them would put a write on every message and bury the
 * changes. A person speaking into a live customer's conversation is recorded: the route says
 * so with `c.set('audit', …)` (conversation-access.ts). Starting a test chat and reading
 * transcripts are recorded.
 */
const customerTurns = new Set([
  'POST /api/conversations',
  'POST /api/conversations/{id}/messages',
  'POST /api/conversations/{id}/leave',
])

/** Signals that change nothing stored: recording them would bury the changes. */
const notChanges = new Set(['POST /api/agent/conversations/{id}/typing'])

/** Largest response read to digest it; bigger ones are digested by their length and type. */
const maxDigestedBytes = 5 * 1024 * 1024

export interface AuditRequestsOptions {
  auditLog: AuditLog
  trustProxy: boolean
  log: Logger
}

/**
 * Appends an audit row after every non-GET /api request by a person or API key, and after GETs
 * that read transcripts, traces or exports (or whose route set `c.set('audit', …)`). Mounted
 * before authentication so that refused attempts (403) are recorded too; requests without a
 * principal are not, except sign-in attempts, or anyone could flood the log.
 */
export function auditRequests(
  options: AuditRequestsOptions,
): MiddlewareHandler<{ Variables: AuthVariables & AuditVariables }> {
  return async (c, next) => {
    await next()
    const method = c.req.method
    const path = c.req.path
    const principal: Partial<AuthVariables['principal']> | undefined = c.get('principal')
    const detail: AuditDetail | undefined = c.get('audit')
    const pattern = matchedRoute(c)?.pattern ?? path
    // Only sign-in attempts are recorded without a principal: it is rate-limited, and its
    // action comes from the matched route, so anonymous callers cannot flood or word the log.
    const isSignIn = pattern === '/api/auth/sign-in' && method === 'POST'
    if (principal === undefined && !isSignIn) return
    if (method === 'GET' || method === 'HEAD') {
      const isRead =
        detail !== undefined ||
        transcriptReads.has(pattern) ||
        (personReads.has(pattern) && principal?.kind !== 'api_key') ||
        /\/export/.test(pattern)
      if (!isRead) return
    }
    const key = `${method} ${pattern}`
    if (notChanges.has(key)) return
    if (customerTurns.has(key) && detail === undefined) return
    try {
      options.auditLog.append({
        actor: actorOf(principal),
        action: detail?.action ?? `${method} ${pattern}`,
        target: detail?.target ?? path,
        method,
        path,
        params: { ...c.req.param(), ...c.req.query() },
        status: c.res.status,
        ip: clientIp(c, options.trustProxy),
        beforeDigest: digestOf(detail?.before),
        afterDigest:
          detail?.after !== undefined ? digestOf(detail.after) : await responseDigest(c.res),
      })
    } catch (error) {
      // The change itself is done; failing the response now would only hide that it happened.
      options.log.error('could not append to the audit log', error)
    }
  }
}

function actorOf(principal: Partial<AuthVariables['principal']> | undefined): AuditActor {
  if (principal === undefined) return { kind: 'anonymous', id: '', name: '', role: '' }
  const fields: Record<string, unknown> = { ...principal }
  const text = (key: string) => (typeof fields[key] === 'string' ? String(fields[key]) : '')
  const kind = text('kind')
  return {
    kind,
    // The admin token has no id of its own; name it so filters can find its rows.
    id: text('id') || kind,
    name: text('name') || kind,
    role: text('role'),
  }
}

/** What the route reported: sha256 of its JSON response; SSE streams and errors have none. */
async function responseDigest(response: Response): Promise<string | null> {
  if (response.status >= 300) return null
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json') && !type.includes('csv')) return null
  const length = Number(response.headers.get('content-length') ?? '0')
  if (length > maxDigestedBytes) return null
  const text = await response.clone().text()
  if (type.includes('csv')) return digestOf(text)
  try {
    return digestOf(JSON.parse(text))
  } catch {
    return digestOf(text)
  }
}
