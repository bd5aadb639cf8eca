import type { Pool, PoolClient } from 'pg'
import type { Payload } from 'payload'

type PoolInternals = Pool & { _clients: PoolClient[]; _idle: Array<{ client: PoolClient }> }

/** The pg pool behind Payload's Postgres adapter. */
export const databasePool = (payload: Payload): Pool =>
  (payload.db as unknown as { pool: Pool }).pool

/**
 * Ends the adapter's pool. The adapter checks one client out at connect time (to watch it for
 * connection resets) and never returns it, so `pool.end()` alone would wait forever: give back
 * every client that is not idle first. Call it only once requests have drained.
 */
export const closeDatabasePool = async (payload: Payload): Promise<void> => {
  const pool = databasePool(payload) as PoolInternals | undefined
  if (!pool || pool.ended) return
  const idle = new Set(pool._idle.map((item) => item.client))
  for (const client of pool._clients) {
    if (!idle.has(client)) client.release()
  }
  await pool.end()
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
