import type { Request, RequestHandler, Response } from 'express'
import { randomBytes } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'
import { LRUCache } from 'lru-cache'

import { isAuthenticated } from './catalogCache'
import { type CachedResponse, cacheEnabled, type CacheStore, servable } from './store'

/** The pages anonymous visitors get from the cache: home, category, search, product, sitemap. */
const CACHEABLE_PAGE = /^\/(?:c\/[^/]+|p\/[^/]+|search|sitemap\.xml)?$/

/** Content types of the pages above; anything else (a redirect body, an error) is not stored. */
const CACHEABLE_TYPE = /^(?:text\/html|application\/xml)\b/

/**
 * Requests for Next's RSC payload (client navigations and prefetches) get a different body for the
 * same URL: they are answered by Next as usual.
 */
const isRscRequest = (req: Request): boolean =>
  'rsc' in req.headers ||
  Object.keys(req.headers).some((name) => name.startsWith('next-router-')) ||
  '_rsc' in req.query

/** Headers the page cache never replays: per-response, per-connection, or set by its own code. */
const NOT_REPLAYED = new Set([
  'set-cookie',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'x-cache',
])

/**
 * A page as cached: its body and headers (Next's `Link` preload header carries the nonce too) with
 * the CSP nonce of the response it was built for replaced by this process's marker, which every
 * serve replaces by the nonce of its own response (the one in its own policy header).
 */
type CachedPage = Pick<CachedResponse, 'status' | 'stockGeneration' | 'builtAt'> & {
  headers: [string, string | string[]][]
  body: string
}

/** Unguessable, so page content cannot smuggle a marker in to learn a response's nonce. */
const NONCE_MARKER = `nonce-marker-${randomBytes(18).toString('base64url')}`

const replaceAll = (text: string, from: string, to: string): string => text.split(from).join(to)

const replaceInHeader = (value: string | string[], from: string, to: string): string | string[] =>
  Array.isArray(value)
    ? value.map((item) => replaceAll(item, from, to))
    : replaceAll(value, from, to)

/** The path with its query parameters sorted by name (stable: repeated names keep their order). */
const pageKey = (req: Request): string => {
  const url = new URL(req.originalUrl, 'http://page.invalid')
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const query = new URLSearchParams(params).toString()
  return query ? `${url.pathname}?${query}` : url.pathname
}

type Logger = { warn: (obj: object, msg: string) => void }

/**
 * Express middleware in front of Next for the storefront's catalog pages (home, categories,
 * search, products, sitemap.xml), for anonymous visitors only: a request with Payload's cookie or
 * an `Authorization` header always gets a fresh render (`X-Cache: BYPASS`), as do Next's RSC
 * requests. Guest carts live in the browser, so an anonymous page is the same for everyone.
 *
 * Entries are kept in this process's memory (an LRU bounded by `PAGE_CACHE_MAX_BYTES`, 64 MB by
 * default) under the catalog's content generation read before the page was rendered, from the
 * same store as the API cache (Redis when `REDIS_URL` is set, shared by every instance; relayed
 * between cluster workers otherwise): a price change, an approval, a rejection, a trash or a
 * category rename bumps it, and the next request on every instance renders afresh. Stock lags by
 * at most `CACHE_STOCK_LAG_MS`, as in the API cache (`servable`).
 *
 * Each page carries its response's CSP nonce (securityHeaders makes one per response): a MISS
 * streams the page to its visitor as rendered and keeps a copy split at that nonce; a HIT joins
 * the parts with the nonce of the new response, which securityHeaders has already put in its
 * policy header. Only complete 200 HTML/XML responses that set no cookie are stored.
 */
export const pageCache = (store: () => CacheStore, logger: Logger): RequestHandler => {
  const pages = new LRUCache<string, CachedPage>({
    maxSize: Number(process.env.PAGE_CACHE_MAX_BYTES ?? 64 * 1024 * 1024),
    sizeCalculation: (page) => page.body.length + 200,
    ttl: Number(process.env.CACHE_TTL_MS ?? 5 * 60_000),
  })
  let latestContent: number | undefined

  return async (req, res, next) => {
    if (!cacheEnabled()) return next()
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    if (!CACHEABLE_PAGE.test(req.path)) return next()
    if (isAuthenticated(req.headers) || isRscRequest(req)) {
      res.setHeader('X-Cache', 'BYPASS')
      return next()
    }
    const nonce = res.locals.cspNonce as string
    let key: string
    let stockGeneration: number
    const builtAt = Date.now()
    try {
      const generations = await store().generations()
      // Entries of other content generations can never be read again: free their memory (a
      // generation that went down is a Redis that lost its counters: old entries must go too).
      if (generations.content !== latestContent) pages.clear()
      latestContent = generations.content
      key = `${generations.content}:${pageKey(req)}`
      stockGeneration = generations.stock
      const page = pages.get(key)
      if (page && servable(page, stockGeneration, Date.now()))
        return sendPage(res, page, nonce, req.method)
    } catch {
      res.setHeader('X-Cache', 'BYPASS')
      return next()
    }
    if (req.method !== 'GET') {
      res.setHeader('X-Cache', 'BYPASS')
      return next()
    }

    // MISS: let Next stream the page and keep a copy. Entries are stored uncompressed (each serve
    // rewrites the nonce); compression belongs to the reverse proxy.
    delete req.headers['accept-encoding']
    const ownHeaders = new Set(res.getHeaderNames())
    let headers: CachedPage['headers'] | undefined
    const chunks: Buffer[] = []
    const original = { writeHead: res.writeHead, write: res.write, end: res.end }
    const collect = (chunk: unknown, encoding: unknown): void => {
      if (headers && chunk && typeof chunk !== 'function')
        chunks.push(
          Buffer.from(
            chunk as string,
            typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined,
          ),
        )
    }
    // Node's own write()/end() call writeHead() for the implicit header too: decide there.
    res.writeHead = function (this: Response, status: number, ...rest: unknown[]) {
      const given = rest.find((item) => item && typeof item === 'object' && !Array.isArray(item))
      const all: OutgoingHttpHeaders = { ...res.getHeaders(), ...(given as OutgoingHttpHeaders) }
      const cacheable =
        status === 200 &&
        CACHEABLE_TYPE.test(String(all['content-type'] ?? '')) &&
        !all['set-cookie'] &&
        !all['content-encoding']
      res.setHeader('X-Cache', cacheable ? 'MISS' : 'BYPASS')
      if (cacheable)
        headers = Object.entries(all).flatMap(([name, value]) =>
          value === undefined || ownHeaders.has(name) || NOT_REPLAYED.has(name)
            ? []
            : [
                [
                  name,
                  replaceInHeader(
                    typeof value === 'number' ? String(value) : value,
                    nonce,
                    NONCE_MARKER,
                  ),
                ] as [string, string | string[]],
              ],
        )
      return original.writeHead.apply(this, [status, ...rest] as Parameters<Response['writeHead']>)
    } as Response['writeHead']
    res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
      if (!res.headersSent) res.writeHead(res.statusCode)
      collect(chunk, rest[0])
      return original.write.apply(this, [chunk, ...rest] as Parameters<Response['write']>)
    } as Response['write']
    res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
      if (!res.headersSent) res.writeHead(res.statusCode)
      collect(chunk, rest[0])
      // A visitor who left mid-page may leave Next ending a partial body: not a page to keep.
      if (headers && !res.destroyed) {
        const body = Buffer.concat(chunks).toString('utf8')
        try {
          pages.set(key, {
            status: 200,
            headers,
            body: replaceAll(body, nonce, NONCE_MARKER),
            stockGeneration,
            builtAt,
          })
        } catch (error) {
          logger.warn({ err: error }, 'page cache: could not store a page')
        }
      }
      return original.end.apply(this, [chunk, ...rest] as Parameters<Response['end']>)
    } as Response['end']
    next()
  }
}

const sendPage = (res: Response, page: CachedPage, nonce: string, method: string): void => {
  const body = Buffer.from(replaceAll(page.body, NONCE_MARKER, nonce))
  res.status(page.status)
  for (const [name, value] of page.headers)
    res.setHeader(name, replaceInHeader(value, NONCE_MARKER, nonce))
  res.setHeader('X-Cache', 'HIT')
  res.setHeader('Content-Length', body.length)
  res.end(method === 'HEAD' ? undefined : body)
}
