import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  databaseDownSince,
  markDatabaseUp,
} from './databaseHealth'
import { databaseReachable } from './databasePool'

/** During an outage, at most one probe of the database this often. */
const RECHECK_MS = 500

/**
 * Express middleware in front of the API: while the database is known to be down (a connection
 * failed or was ended: see databaseHealth), answers 503 at once with Payload's error shape and
 * `Retry-After`, instead of letting each request fail its own way (a signed-in caller treated as
 * signed out, a 500). It probes the database at most every 500 ms and lets requests through again
 * as soon as a probe succeeds, so the server recovers on its own.
 */
export const databaseGate = (payload: Payload): RequestHandler => {
  let probe: Promise<boolean> | undefined
  let probedAt = 0
  const reachable = (): Promise<boolean> => {
    if (probe && Date.now() - probedAt < RECHECK_MS) return probe
    probedAt = Date.now()
    probe = databaseReachable(payload, 1000).then((up) => {
      if (up) markDatabaseUp()
      return up
    })
    return probe
  }
  return async (_req, res, next) => {
    if (databaseDownSince() === undefined || (await reachable())) return next()
    res
      .status(503)
      .set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
      .json({ errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE }] })
  }
}
