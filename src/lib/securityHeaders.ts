import type { Request, RequestHandler, Response } from 'express'
import helmet, { type HelmetOptions } from 'helmet'
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

type DirectiveValue = string | ((req: IncomingMessage, res: ServerResponse) => string)
type Directives = Record<string, DirectiveValue[]>

/** A year: browsers remember to use HTTPS only for this long after an HTTPS response. */
const HSTS = 'max-age=31536000'

/** Every policy: no plugins, no `<base>` or form posts elsewhere. */
const LOCKED_DOWN: Directives = {
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
}

/** JSON and stored files: nothing in them may run, load or be framed. */
const API_POLICY: Directives = {
  ...LOCKED_DOWN,
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
}

/** Swagger UI at /api/docs: its own script and styles (inline style attributes), data: icons. */
const DOCS_POLICY: Directives = {
  ...LOCKED_DOWN,
  'default-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'frame-ancestors': ["'none'"],
}

const nonceOf = (res: ServerResponse): string => (res as Response).locals.cspNonce as string

/**
 * Next's pages (the admin UI): scripts only with this response's nonce (Next puts it on its
 * scripts when the request carries the policy) or loaded by one; React's inline style attributes;
 * thumbnails and previews from data: and blob: URLs. Framed only by this site itself.
 */
const PAGE_POLICY: Directives = {
  ...LOCKED_DOWN,
  'default-src': ["'self'"],
  'script-src': ["'self'", (_req, res) => `'nonce-${nonceOf(res)}'`, "'strict-dynamic'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'frame-ancestors': ["'self'"],
}

const helmetWith = (
  directives: Directives,
  overrides: Pick<HelmetOptions, 'crossOriginResourcePolicy'> = {},
): RequestHandler =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Sent only over HTTPS, below.
    strictTransportSecurity: false,
    // Not helmet's `no-referrer`: under it browsers send `Origin: null` on the admin UI's own
    // POST/PATCH calls, and Payload's CSRF check then ignores the session cookie.
    referrerPolicy: { policy: 'same-origin' },
    ...overrides,
  }) as RequestHandler

/** `Set-Cookie` values with the `Secure` attribute added where it is missing. */
const secureCookies = (value: number | string | readonly string[]): number | string | string[] => {
  if (typeof value === 'number') return value
  const mark = (cookie: string) => (/;\s*secure\b/i.test(cookie) ? cookie : `${cookie}; Secure`)
  return typeof value === 'string' ? mark(value) : value.map(mark)
}

/**
 * Adds `Secure` to every cookie this response sets. Next sets headers one by one, and Node's
 * `writeHead(status, headers)` (Payload's REST responses) goes through `setHeader` too once
 * headers were set before, as these middleware's are.
 */
const markCookiesSecure = (res: ServerResponse): void => {
  const setHeader = res.setHeader.bind(res)
  const appendHeader = res.appendHeader.bind(res)
  const isCookie = (name: string) => name.toLowerCase() === 'set-cookie'
  res.setHeader = (name, value) => setHeader(name, isCookie(name) ? secureCookies(value) : value)
  res.appendHeader = (name, value) =>
    appendHeader(name, isCookie(name) ? (secureCookies(value) as string | string[]) : value)
}

/** Stored files are meant to be shown on other sites too (a shop front on another origin). */
const STORED_FILE = /^\/api\/[^/]+\/file\//

/**
 * Security headers on every response, with helmet: `X-Content-Type-Options: nosniff`, a
 * Content-Security-Policy per kind of response (API and files: nothing runs; /api/docs: Swagger
 * UI's own files; pages: nonce-bound scripts, framed only by this site, with X-Frame-Options
 * SAMEORIGIN for old browsers), no `X-Powered-By`, and HSTS when the request came over HTTPS
 * (`req.secure`: TLS, or `X-Forwarded-Proto` from a proxy `TRUST_PROXY` trusts) or PUBLIC_URL is
 * https (browsers ignore it over plain HTTP, so a proxy that forgets the header loses nothing).
 * Cookies set in answer to an HTTPS request are marked `Secure`.
 */
export const securityHeaders = (): RequestHandler => {
  const publicUrlIsHttps = (process.env.PUBLIC_URL ?? '').startsWith('https:')
  const api = helmetWith(API_POLICY)
  const files = helmetWith(API_POLICY, { crossOriginResourcePolicy: { policy: 'cross-origin' } })
  const docs = helmetWith(DOCS_POLICY)
  const pages = helmetWith(PAGE_POLICY)
  const policyFor = (req: Request): RequestHandler => {
    if (STORED_FILE.test(req.path)) return files
    if (req.path === '/api/docs' || req.path.startsWith('/api/docs/')) return docs
    if (req.path.startsWith('/api/')) return api
    return pages
  }
  return (req, res, next) => {
    if (req.secure || publicUrlIsHttps) res.setHeader('Strict-Transport-Security', HSTS)
    // Payload marks session cookies Secure when PUBLIC_URL is https (secureAuthCookies).
    if (req.secure) markCookiesSecure(res)
    res.locals.cspNonce = randomBytes(16).toString('base64')
    policyFor(req)(req, res, (error?: unknown) => {
      // Next reads the nonce for its scripts from the request's policy header.
      const policy = res.getHeader('Content-Security-Policy')
      if (typeof policy === 'string') req.headers['content-security-policy'] = policy
      next(error)
    })
  }
}
