import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>

/**
 * Security headers on every response (DESIGN §11). The CSP names no external source: the
 * editor, Monaco and its workers are served from here as files (test/e2e/editor-tools.test.ts
 * runs Monaco without blob: workers or eval). Monaco and React Flow set inline styles, hence
 * `style-src 'unsafe-inline'`, the one relaxation; scripts stay `'self'` only. HSTS only when we serve TLS ourselves (or a trusted proxy says the
 * request came over https): sent over plain http it would lock browsers out of a test server.
 */
export function securityHeaders(options: {
  isTls: boolean
  trustProxy: boolean
}): MiddlewareHandler {
  const plain = secureHeaders({ ...common, strictTransportSecurity: false })
  const withHsts = secureHeaders({
    ...common,
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  })
  return async (c, next) => {
    const isHttps =
      options.isTls ||
      (options.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https')
    return (isHttps ? withHsts : plain)(c, next)
  }
}

const common: SecureHeadersOptions = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  crossOriginEmbedderPolicy: false,
}
