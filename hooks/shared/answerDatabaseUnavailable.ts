import type { AfterErrorHook } from 'payload'

import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailableError,
  isPoolExhaustedError,
  markDatabaseDown,
  SERVER_BUSY_MESSAGE,
} from '../../src/lib/databaseHealth'
import { retryLater } from '../../src/lib/retryLater'

/**
 * A request that failed because the database could not be reached, or because no pooled connection
 * came free in time, answers 503 with `Retry-After` (REST) or a GraphQL error with status 503, not
 * a 500 "Something went wrong". An unreachable database is also marked down, so the requests after
 * it are turned away at once (databaseGate).
 */
export const answerDatabaseUnavailable: AfterErrorHook = (args) => {
  const unavailable = isDatabaseUnavailableError(args.error)
  if (!unavailable && !isPoolExhaustedError(args.error)) return
  // A full pool is overload: the database is up, so later requests are not turned away.
  if (unavailable) markDatabaseDown()
  const message = unavailable ? DATABASE_UNAVAILABLE_MESSAGE : SERVER_BUSY_MESSAGE
  return retryLater(args, message, DATABASE_RETRY_AFTER_SECONDS)
}
