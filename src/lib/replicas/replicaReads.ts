import type { Request, RequestHandler } from 'express'

import { isAuthenticated, isCatalogCacheable } from '../cache/catalogCache'
import type { CacheStore } from '../cache/store'
import { readingFrom, readReplicas, replicaThatReplayed } from './replicaRouting'

/**
 * Reads a replica may serve: anonymous GET/HEAD of the catalog (the routes the catalog cache
 * serves), whose every write is announced. Everything else reads the primary: signed-in callers
 * see their own writes at once (their orders, their account), on any instance.
 */
const replicaReadable = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  isCatalogCacheable(req.path) &&
  !isAuthenticated(req.headers)

/**
 * Express middleware, after the catalog cache: sends a replica-readable request's reads to a
 * replica that has replayed the highest announced write position (announceWrites), or to the
 * primary when none has, none is up, or the position cannot be read (the store is down). The
 * position is read after the cache read its generations, so a response the cache stores under a
 * generation was built from data at least as new as every write that generation follows: a
 * lagging replica never fills the cache with old rows, and an approval or a price change is seen
 * by the next request on every instance.
 */
export const replicaReads =
  (store: () => CacheStore): RequestHandler =>
  async (req, _res, next) => {
    if (readReplicas().length === 0 || !replicaReadable(req)) return next()
    let position: bigint | undefined
    try {
      position = await store().announcedWrite()
    } catch {
      return next()
    }
    const replica = position === undefined ? undefined : await replicaThatReplayed(position)
    if (!replica) return next()
    readingFrom(replica, () => next())
  }
