import type { Pool, PoolClient } from 'pg'
import type { Payload } from 'payload'

import { isDatabaseUnavailableError, markDatabaseDown } from './databaseHealth'
import { readReplicas, setReadReplicas } from './replicas/replicaRouting'

type PoolInternals = Pool & { _clients: PoolClient[]; _idle: Array<{ client: PoolClient }> }

/** The pg pool behind Payload's Postgres adapter. */
export const databasePool = (payload: Payload): Pool =>
  (payload.db as unknown as { pool: Pool }).pool

const CLOSE_WAIT_MS = 5000

/**
 * Ends the adapter's pool (and the read replicas') and resolves once every connection is closed. The adapter checks one
 * client out at connect time (to watch it for connection resets) and never returns it, so
 * `pool.end()` alone would wait forever: give back every client that is not idle first.
 * `pool.end()` itself resolves as soon as it has asked each client to end; waiting for the
 * sockets too means a `DROP DATABASE … WITH (FORCE)` right after finds no backend left to kill.
 * That wait is bounded: a socket to a server that vanished can take minutes to close.
 * Call it only once requests have drained.
 */
export const closeDatabasePool = async (payload: Payload): Promise<void> => {
  await closePool(databasePool(payload) as PoolInternals | undefined)
  // The read replicas' pools (src/lib/replicas), ended the same way.
  await Promise.all(readReplicas().map((replica) => closePool(replica.pool as PoolInternals)))
  setReadReplicas([])
}

const closePool = async (pool: PoolInternals | undefined): Promise<void> => {
  if (!pool || pool.ended) return
  const open = new Set(pool._clients)
  const closed = new Promise<void>((resolve) => {
    if (open.size === 0) resolve()
    pool.on('remove', (client) => {
      open.delete(client)
      if (open.size === 0) resolve()
    })
  })
  const idle = new Set(pool._idle.map((item) => item.client))
  for (const client of open) {
    if (!idle.has(client)) client.release()
  }
  await pool.end()
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    closed,
    new Promise((resolve) => {
      timer = setTimeout(resolve, CLOSE_WAIT_MS)
    }),
  ])
  clearTimeout(timer)
}

/**
 * Logs, instead of crashing on, an idle connection the database ends: a restart, a failover or an
 * administrator's `pg_terminate_backend`. pg emits those on the pool, and an 'error' event with
 * no listener would take the whole server down; the pool drops the client and opens a new one
 * for the next query. A connection ended because the server is going away marks the database down
 * (see databaseGate).
 */
export const logDatabasePoolErrors = (payload: Payload): void => {
  databasePool(payload).on('error', (error: Error & { code?: string }) => {
    payload.logger.warn({ code: error.code, err: error.message }, 'database connection lost')
    if (isDatabaseUnavailableError(error)) markDatabaseDown()
  })
}

/** True when the database answers a trivial query within `timeoutMs`. */
export const databaseReachable = async (payload: Payload, timeoutMs = 2000): Promise<boolean> => {
  const pool = databasePool(payload)
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      pool.query('select 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
      }),
    ])
    return true
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
