import type { RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'

/** Routes that take or issue credentials; they share the strict per-IP limit. */
export const CREDENTIAL_ROUTES: RegExp[] = [
  /^\/api\/users\/(login|first-register|forgot-password|reset-password|unlock|refresh-token)\/?$/,
  /^\/api\/users\/verify\//,
  /^\/api\/token(\/.*)?$/,
  /^\/api\/users\/?$/, // sign-up (POST only, see below)
  /^\/api\/users\/(activate|resend-activation)(\/.*)?$/,
]

const isCredentialRequest = (method: string, path: string): boolean =>
  CREDENTIAL_ROUTES.some((pattern) => pattern.test(path)) &&
  // Listing users (GET /api/users) is not a credential request; signing up (POST) is.
  !(method === 'GET' && /^\/api\/users\/?$/.test(path))

const limitedResponse = (message: string) => ({ errors: [{ message }] })

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/**
 * Per-IP limits: every `/api` request (default 300/min) and, stricter, the credential endpoints
 * (default 10/min). Limited requests get 429 with `Retry-After`, the IETF draft-8 `RateLimit` and
 * `RateLimit-Policy` headers, and a Payload-shaped error body.
 */
export const createRateLimiters = (): { api: RequestHandler; credentials: RequestHandler } => {
  const windowMs = envNumber('RATE_LIMIT_WINDOW_MS', 60_000)
  const api = rateLimit({
    windowMs,
    limit: envNumber('RATE_LIMIT_API', 300),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'api',
    message: limitedResponse('Too many requests, please slow down and try again later.'),
  })
  const credentialLimiter = rateLimit({
    windowMs,
    limit: envNumber('RATE_LIMIT_CREDENTIALS', 10),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'credentials',
    message: limitedResponse('Too many attempts, please wait before trying again.'),
  })
  const credentials: RequestHandler = (req, res, next) =>
    isCredentialRequest(req.method, req.path) ? credentialLimiter(req, res, next) : next()
  return { api, credentials }
}
