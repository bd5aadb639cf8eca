import type { postgresAdapter } from '@payloadcms/db-postgres'
import pg from 'pg'

/** The answer to every request the database cannot serve: 503, retry in a few seconds. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable. Try again shortly.'
export const DATABASE_RETRY_AFTER_SECONDS = 5

/** A request the pool could not give a connection in time (all in use): overload, not an outage. */
export const SERVER_BUSY_MESSAGE = 'The server is busy. Try again shortly.'

/**
 * How long opening a connection may take (pg's default: forever). A stopped server refuses at
 * once; this bounds an unreachable one, and the first failure turns the requests after it away at
 * once (databaseGate).
 */
export const CONNECTION_TIMEOUT_MS = 5000

/**
 * How long a request may wait for a free pooled connection (pg's default: forever). Generous: on a
 * loaded machine waits of several seconds are queueing, not an outage.
 */
export const POOL_WAIT_TIMEOUT_MS = 15_000

/** Network failures, and SQLSTATEs for "the server is going away or not accepting connections". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
])

/** What pg says, without a code, when a connection dies or cannot be made in time (its client's timeout). */
const UNAVAILABLE_MESSAGES = /Connection terminated|not queryable|^timeout expired$/i

/** pg-pool's error when every connection stayed in use for the whole connect timeout. */
const POOL_EXHAUSTED_MESSAGE = 'timeout exceeded when trying to connect'

type ErrorLike = {
  code?: unknown
  message?: unknown
  cause?: unknown
  originalError?: unknown
  errors?: unknown
}

const matchesWithin = (error: unknown, test: (error: ErrorLike) => boolean, depth = 0): boolean => {
  if (!error || typeof error !== 'object' || depth > 5) return false
  if (test(error as ErrorLike)) return true
  const { cause, originalError, errors } = error as ErrorLike
  const wrapped = [cause, originalError, ...(Array.isArray(errors) ? errors : [])]
  return wrapped.some((inner) => matchesWithin(inner, test, depth + 1))
}

/**
 * True when `error` (or what it wraps: drizzle's `cause`, GraphQL's `originalError`, an
 * `AggregateError`'s errors) means the database could not be reached, not that a query was wrong.
 */
export const isDatabaseUnavailableError = (error: unknown): boolean =>
  matchesWithin(
    error,
    ({ code, message }) =>
      (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
      (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)),
  )

/** True when `error` (or what it wraps) is the pool's "no free connection in time". */
export const isPoolExhaustedError = (error: unknown): boolean =>
  matchesWithin(error, ({ message }) => message === POOL_EXHAUSTED_MESSAGE)

/**
 * The answer to a request whose transaction Postgres rolled back to resolve a conflict with a
 * concurrent one (a deadlock, or a serialization failure): nothing was saved, and the same
 * request is expected to succeed when sent again.
 */
export const TRANSACTION_CONFLICT_MESSAGE =
  'The request ran into a concurrent change and was rolled back; nothing was saved. Try again.'
export const TRANSACTION_CONFLICT_RETRY_AFTER_SECONDS = 1

/** SQLSTATEs of a transaction Postgres rolled back because of a concurrent one. */
const CONFLICT_CODES = new Set([
  '40P01', // deadlock_detected
  '40001', // serialization_failure
])

/** True when `error` (or what it wraps) is a deadlock or serialization failure. */
export const isTransactionConflictError = (error: unknown): boolean =>
  matchesWithin(error, ({ code }) => typeof code === 'string' && CONFLICT_CODES.has(code))

type Health = { downSince?: number }

/** The process's view of the database (one Payload instance, one pool: see bootPayload). */
const health: Health = {}

/** Records that the database just failed to answer (the first failure starts the outage). */
export const markDatabaseDown = (): void => {
  health.downSince ??= Date.now()
}

/** Records that a connection to the database just succeeded. */
export const markDatabaseUp = (): void => {
  health.downSince = undefined
}

/** When the current outage began, or undefined while the database is believed up. */
export const databaseDownSince = (): number | undefined => health.downSince

/**
 * pg's client, reporting whether each new connection succeeded: the pool calls `connect` for
 * every connection it opens, so a failure is known before the request that met it finishes,
 * even when Payload swallows it (a JWT whose user cannot be loaded reads as signed out).
 */
export class WatchedClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    // The pool passes its own options, whose timeout bounds the wait for a free connection.
    super({ ...config, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS })
  }

  connect(): Promise<pg.Client>
  connect(callback: (error: Error) => void): void
  connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
    const report = (error?: Error | null) => {
      if (!error) markDatabaseUp()
      else if (isDatabaseUnavailableError(error)) markDatabaseDown()
    }
    if (callback) {
      super.connect((error: Error) => {
        report(error)
        callback(error)
      })
      return
    }
    return super.connect().then(
      (client) => {
        report()
        return client
      },
      (error: Error) => {
        report(error)
        throw error
      },
    )
  }
}

type AdapterPoolConfig = Parameters<typeof postgresAdapter>[0]['pool']

/** The adapter's pg pool options: bounded waits, and connections that report their health. */
export const databasePoolOptions = (connectionString: string | undefined): AdapterPoolConfig => ({
  connectionString,
  connectionTimeoutMillis: POOL_WAIT_TIMEOUT_MS,
  // The adapter is typed against an older @types/pg; at run time there is one pg.
  Client: WatchedClient as unknown as AdapterPoolConfig['Client'],
})
