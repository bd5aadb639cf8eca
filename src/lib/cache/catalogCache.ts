import { createHash } from 'node:crypto'
import type { RequestHandler, Response } from 'express'

import { type CachedResponse, cacheEnabled, type CacheStore, servable } from './store'

/**
 * Catalog reads that anonymous callers may get from the cache: lists, documents and the search of
 * products, categories, reviews and media metadata (never the media files themselves).
 */
const CACHEABLE = /^\/api\/(products|categories|reviews|media)(\/[^/]+)?\/?$/
const NOT_CACHEABLE = /^\/api\/media\/file(\/|$)/

/** Whether anonymous GETs of this path are served from the catalog cache (with ETag and 304). */
export const isCatalogCacheable = (path: string): boolean =>
  CACHEABLE.test(path) && !NOT_CACHEABLE.test(path)

/** Whether a request carries credentials (an `Authorization` header or Payload's cookie). */
export const isAuthenticated = (headers: { authorization?: string; cookie?: string }): boolean =>
  Boolean(headers.authorization) || /(?:^|;\s*)payload-token=/.test(headers.cookie ?? '')

const etagOf = (body: string): string => `"${createHash('sha1').update(body).digest('base64url')}"`

const matches = (ifNoneMatch: string | undefined, etag: string): boolean =>
  Boolean(ifNoneMatch) &&
  ifNoneMatch!.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)

const sendCached = (
  res: Response,
  entry: CachedResponse,
  ifNoneMatch: string | undefined,
  method: string,
): void => {
  res.setHeader('X-Cache', 'HIT')
  res.setHeader('ETag', entry.etag)
  res.setHeader('Cache-Control', 'no-cache')
  if (matches(ifNoneMatch, entry.etag)) {
    res.status(304).end()
    return
  }
  res.status(entry.status)
  res.setHeader('Content-Type', entry.contentType)
  res.setHeader('Content-Length', Buffer.byteLength(entry.body))
  res.end(method === 'HEAD' ? undefined : entry.body)
}

type Logger = { warn: (obj: object, msg: string) => void }

/**
 * Responses being built, by cache key: concurrent misses of one key wait for the first one's
 * response instead of each computing it. Without this, every connection that asked for a URL in
 * the instant its entry expired (each order's stock change expires entries after the stock lag)
 * ran the whole uncached request, so a URL was rebuilt once per waiting client per second.
 */
const building = new Map<string, Promise<CachedResponse | undefined>>()

/** Registers the build of `key`; `done` hands the response (or nothing to share) to its waiters. */
const startBuilding = (key: string): ((entry: CachedResponse | undefined) => void) => {
  let resolve!: (entry: CachedResponse | undefined) => void
  building.set(key, new Promise((settle) => (resolve = settle)))
  let settled = false
  return (entry) => {
    if (settled) return
    settled = true
    building.delete(key)
    resolve(entry)
  }
}

/**
 * Express middleware in front of Next: serves anonymous catalog GETs from the cache store, with
 * `ETag` (`If-None-Match` → 304) and `X-Cache: HIT|MISS|BYPASS`. A MISS lets Next answer, buffers
 * the body, and stores a 200 JSON response under the content generation read *before* the request
 * ran: a content write that commits meanwhile bumps it, so that entry is never read. The entry
 * also carries the stock generation and the time read before the request ran, so after an order it
 * is served for at most the stock lag (`servable`, store.ts).
 * Authenticated requests (Authorization header or Payload's cookie) and requests made while the
 * store is unreachable bypass the cache.
 */
export const catalogCache = (store: () => CacheStore, logger: Logger): RequestHandler => {
  return async (req, res, next) => {
    if (!cacheEnabled()) return next()
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    if (!isCatalogCacheable(req.path)) return next()
    if (isAuthenticated(req.headers)) {
      res.setHeader('X-Cache', 'BYPASS')
      return next()
    }
    const cache = store()
    let key: string
    let stockGeneration: number
    const builtAt = Date.now()
    try {
      const generations = await cache.generations()
      key = `${generations.content}:${req.originalUrl}`
      stockGeneration = generations.stock
      const stored = await cache.get(key)
      if (stored && servable(stored, stockGeneration, Date.now()))
        return sendCached(res, stored, req.headers['if-none-match'], req.method)
      // A response being built started before this request arrived: shared, it lags what this
      // request would compute itself by at most that head start, which must be within the bound
      // (however long the build itself takes: an answer computed for this request would take as
      // long, and the time it spends being computed is not stock lag).
      const shared = await building.get(key)
      if (shared && servable(shared, stockGeneration, builtAt))
        return sendCached(res, shared, req.headers['if-none-match'], req.method)
    } catch {
      res.setHeader('X-Cache', 'BYPASS')
      return next()
    }
    // A HEAD is answered without a body: what it got must never be stored for the GETs after it.
    if (req.method !== 'GET') {
      res.setHeader('X-Cache', 'BYPASS')
      return next()
    }
    // A response this one can share is no longer being built (or was not cacheable): build it.
    const share = building.has(key) ? () => undefined : startBuilding(key)
    res.once('close', () => share(undefined))

    // MISS: buffer what Next writes, then add the validators and send it in one piece. Entries are
    // stored uncompressed (one entry serves every client), so Next must not compress this one;
    // compression belongs to the reverse proxy.
    delete req.headers['accept-encoding']
    const chunks: Buffer[] = []
    const original = {
      end: res.end,
      write: res.write,
      writeHead: res.writeHead,
      flushHeaders: res.flushHeaders,
    }
    const originalEnd = (body?: Buffer): Response => {
      // Node's own end() calls writeHead() to produce the header: give the real methods back.
      Object.assign(res, original)
      return body === undefined ? res.end() : res.end(body)
    }
    res.flushHeaders = () => undefined
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      res.statusCode = status
      const headers = rest.find((item) => item && typeof item === 'object')
      if (headers && !Array.isArray(headers))
        for (const [name, value] of Object.entries(headers as Record<string, string>))
          res.setHeader(name, value)
      return res
    }) as Response['writeHead']
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      if (chunk)
        chunks.push(
          Buffer.from(
            chunk as string,
            typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined,
          ),
        )
      const done = [encoding, callback].find((item) => typeof item === 'function') as
        (() => void) | undefined
      done?.()
      return true
    }) as Response['write']
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      if (chunk && typeof chunk !== 'function')
        chunks.push(
          Buffer.from(
            chunk as string,
            typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined,
          ),
        )
      const body = Buffer.concat(chunks)
      const contentType = String(res.getHeader('content-type') ?? '')
      const cacheable =
        res.statusCode === 200 &&
        contentType.includes('application/json') &&
        !res.getHeader('content-encoding') &&
        !res.getHeader('set-cookie')
      if (cacheable) {
        const text = body.toString('utf8')
        const entry: CachedResponse = {
          status: 200,
          etag: etagOf(text),
          contentType,
          body: text,
          stockGeneration,
          builtAt,
        }
        cache.set(key, entry).catch((error: unknown) => {
          logger.warn({ err: error }, 'cache: could not store a response')
        })
        share(entry)
        res.setHeader('ETag', entry.etag)
        res.setHeader('Cache-Control', 'no-cache')
        res.setHeader('X-Cache', 'MISS')
        if (matches(req.headers['if-none-match'], entry.etag)) {
          res.removeHeader('content-length')
          res.removeHeader('content-type')
          res.statusCode = 304
          return originalEnd()
        }
      } else {
        share(undefined)
        res.setHeader('X-Cache', 'BYPASS')
      }
      res.setHeader('Content-Length', body.length)
      const done = [encoding, callback].find((item) => typeof item === 'function') as
        (() => void) | undefined
      originalEnd(req.method === 'HEAD' ? undefined : body)
      done?.()
      return res
    }) as Response['end']
    next()
  }
}
