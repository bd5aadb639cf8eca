import type { RequestHandler } from 'express'
import type { SanitizedConfig } from 'payload'

import { isCredentialRequest } from '../rateLimits'

const KiB = 1024

/** The largest request body each kind of route reads, in bytes. */
export const BODY_LIMITS = {
  /** Login, tokens, sign-up, password reset: a few short strings. */
  credentials: 16 * KiB,
  /** A GraphQL document and its variables. */
  graphql: 64 * KiB,
  /** Any other JSON write (a product with a long description, an order of 100 lines). */
  json: 1024 * KiB,
}

/** GraphQL's route (Payload's routing ignores case). */
export const GRAPHQL_PATH = /^\/api\/graphql\/?$/i

/** Payload's error shape. */
const errorBody = (message: string) => ({ errors: [{ message }] })

/**
 * Bounds request bodies under `/api` before anything reads them: 413 when `Content-Length` is
 * over the route's limit (credentials 16 KiB, GraphQL 64 KiB, other JSON 1 MiB; multipart writes
 * to an upload collection up to the upload limit plus 1 MiB of form fields), 411 for a body of
 * undeclared length (chunked) outside uploads, whose size only reading it would tell. The
 * connection is closed rather than drained.
 */
export const bodyLimits = (config: SanitizedConfig): RequestHandler => {
  const uploadSlugs = config.collections
    .filter((collection) => collection.upload)
    .map((collection) => collection.slug)
  const uploadPath = new RegExp(`^/api/(${uploadSlugs.join('|')})(/|$)`, 'i')
  const uploadLimit = Number(config.upload?.limits?.fileSize ?? 0) + 1024 * KiB
  const limitFor = (method: string, path: string, contentType: string): number => {
    if (isCredentialRequest(method, path)) return BODY_LIMITS.credentials
    if (GRAPHQL_PATH.test(path)) return BODY_LIMITS.graphql
    if (uploadSlugs.length && uploadPath.test(path) && contentType.startsWith('multipart/')) {
      return uploadLimit
    }
    return BODY_LIMITS.json
  }
  return (req, res, next) => {
    const declared = req.headers['content-length']
    const chunked = req.headers['transfer-encoding'] !== undefined
    if (!req.path.toLowerCase().startsWith('/api/') || (declared === undefined && !chunked)) {
      return next()
    }
    const contentType = (req.headers['content-type'] ?? '').toLowerCase()
    const limit = limitFor(req.method, req.path, contentType)
    if (declared === undefined) {
      if (limit > BODY_LIMITS.json) return next()
      res.set('Connection', 'close')
      res.status(411).json(errorBody('A request body needs a Content-Length header.'))
      return
    }
    if (Number(declared) > limit) {
      res.set('Connection', 'close')
      res.status(413).json(errorBody(`The request body is larger than ${limit} bytes.`))
      return
    }
    next()
  }
}
