import type { RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import type { Logger } from 'pino'

import { BODY_LIMITS, GRAPHQL_PATH } from './limits/bodyLimits'
import { graphqlCredentialAttempts } from './limits/graphqlCredentialAttempts'
import { peekBody } from './limits/peekBody'
import { rateLimitStore } from './limits/rateLimitStore'

/**
 * Routes that take or issue credentials; they share the strict per-IP limit. Case-insensitive,
 * as Payload's routing is (`/api/users/LOGIN` logs in too).
 */
export const CREDENTIAL_ROUTES: RegExp[] = [
  /^\/api\/users\/(login|first-register|forgot-password|reset-password|unlock|refresh-token)\/?$/i,
  /^\/api\/users\/verify\//i,
  /^\/api\/token(\/.*)?$/i,
  /^\/api\/users\/?$/i, // sign-up (POST only, see below)
  /^\/api\/users\/(activate|resend-activation|confirm-email)(\/.*)?$/i,
]

/** Whether a request (method and Express path) takes or issues credentials over REST. */
export const isCredentialRequest = (method: string, path: string): boolean =>
  CREDENTIAL_ROUTES.some((pattern) => pattern.test(path)) &&
  // Listing users (GET /api/users) is not a credential request; signing up (POST) is.
  !(method === 'GET' && /^\/api\/users\/?$/i.test(path))

const limitedResponse = (message: string) => ({ errors: [{ message }] })

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/**
 * Per-IP limits: every `/api` request (default 300/min) and, stricter, the credential endpoints
 * (default 10/min). Limited requests get 429 with `Retry-After`, the IETF draft-8 `RateLimit` and
 * `RateLimit-Policy` headers, and a Payload-shaped error body. The counters live where
 * rateLimitStore says: Redis when `REDIS_URL` is set, else this machine (shared by its workers).
 */
export const createRateLimiters = (
  logger: Logger,
): { api: RequestHandler; credentials: RequestHandler } => {
  const windowMs = envNumber('RATE_LIMIT_WINDOW_MS', 60_000)
  const api = rateLimit({
    logger,
    store: rateLimitStore('api', logger),
    windowMs,
    limit: envNumber('RATE_LIMIT_API', 300),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'api',
    message: limitedResponse('Too many requests, please slow down and try again later.'),
  })
  const credentialLimiter = rateLimit({
    logger,
    store: rateLimitStore('credentials', logger),
    windowMs,
    limit: envNumber('RATE_LIMIT_CREDENTIALS', 10),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'credentials',
    message: limitedResponse('Too many attempts, please wait before trying again.'),
    // A GraphQL request counts once per credential mutation it runs (see below).
    validate: { singleCount: false },
  })
  /** Counts `attempts` hits, then continues; the limiter answers 429 once the limit is passed. */
  const countAttempts: (attempts: number, ...rest: Parameters<RequestHandler>) => void = (
    attempts,
    req,
    res,
    next,
  ) =>
    attempts <= 0
      ? next()
      : credentialLimiter(req, res, () => countAttempts(attempts - 1, req, res, next))
  const credentials: RequestHandler = (req, res, next) => {
    if (isCredentialRequest(req.method, req.path)) return credentialLimiter(req, res, next)
    if (req.method !== 'POST' || !GRAPHQL_PATH.test(req.path)) return next()
    // Read (and put back) the GraphQL body: every credential mutation in it is one attempt.
    peekBody(req, BODY_LIMITS.graphql).then(
      (body) => countAttempts(body ? graphqlCredentialAttempts(body) : 0, req, res, next),
      next,
    )
  }
  return { api, credentials }
}
