import type { AfterErrorHook } from 'payload'

import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailableError,
  markDatabaseDown,
} from '../src/lib/databaseHealth'

/**
 * A request that failed because the database could not be reached answers 503 with
 * `Retry-After` (REST) or a GraphQL error with status 503, not a 500 "Something went wrong", and
 * marks the database down so the requests after it are turned away at once (databaseGate).
 */
export const answerDatabaseUnavailable: AfterErrorHook = ({ error, graphqlResult, req }) => {
  if (!isDatabaseUnavailableError(error)) return
  markDatabaseDown()
  req.responseHeaders ??= new Headers()
  req.responseHeaders.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        message: DATABASE_UNAVAILABLE_MESSAGE,
        extensions: { ...graphqlResult.extensions, statusCode: 503 },
      },
    }
  }
  return { status: 503, response: { errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE }] } }
}
