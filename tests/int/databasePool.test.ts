import type { Payload } from 'payload'
import { handleEndpoints } from 'payload'
import type { PoolClient } from 'pg'

import { databaseDownSince } from '../../src/lib/databaseHealth'
import { closeDatabasePool, databasePool } from '../../src/lib/databasePool'
import { closePayload, initPayload } from '../helpers/payload'
import { withAdminClient } from '../helpers/testDatabase'

const databaseName = async (payload: Payload): Promise<string> => {
  const { rows } = await databasePool(payload).query<{ name: string }>(
    'SELECT current_database() AS name',
  )
  return rows[0].name
}

/** Keeps the pool at `count` open connections, all of them idle afterwards. */
const openIdleConnections = async (payload: Payload, count: number): Promise<void> => {
  const pool = databasePool(payload)
  const clients = []
  for (let index = 0; index < count; index++) clients.push(await pool.connect())
  for (const client of clients) client.release()
}

describe('database pool', () => {
  let payload: Payload
  /** getPayload's key for this file's instance (initPayload keys it by its database URL). */
  let instanceKey: string

  beforeAll(async () => {
    payload = await initPayload()
    instanceKey = process.env.DATABASE_URL!
  })

  afterAll(async () => {
    await closePayload(payload)
  })

  it('logs the idle connections the database ends, instead of crashing, and keeps answering', async () => {
    await openIdleConnections(payload, 3)
    const warnings: unknown[][] = []
    const warn = payload.logger.warn
    payload.logger.warn = ((...args: unknown[]) => {
      warnings.push(args)
    }) as typeof warn
    try {
      const name = await databaseName(payload)
      const { rows } = await withAdminClient((client) =>
        client.query<{ terminated: string }>(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS terminated
             FROM pg_stat_activity WHERE datname = $1`,
          [name],
        ),
      )
      expect(Number(rows[0].terminated)).toBeGreaterThanOrEqual(3)
      const deadline = Date.now() + 10_000
      while (warnings.length < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(warnings.length).toBeGreaterThanOrEqual(3)
      expect(warnings[0]).toEqual([
        { code: '57P01', err: expect.any(String) },
        'database connection lost',
      ])
    } finally {
      payload.logger.warn = warn
    }
    const created = await payload.create({
      collection: 'categories',
      data: { name: 'After the reconnect', slug: 'after-the-reconnect' },
    })
    const found = await payload.findByID({ collection: 'categories', id: created.id, depth: 0 })
    expect(found.slug).toBe('after-the-reconnect')
  })

  it('answers 503 "busy", without marking the database down, when no connection comes free in time', async () => {
    const pool = databasePool(payload)
    const held: PoolClient[] = []
    try {
      while (pool.totalCount < pool.options.max || pool.idleCount > 0)
        held.push(await pool.connect())
      const response = await handleEndpoints({
        config: payload.config,
        payloadInstanceCacheKey: instanceKey,
        request: new Request('http://localhost/api/categories?limit=1'),
      })
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('5')
      expect(await response.json()).toEqual({
        errors: [{ message: 'The server is busy. Try again shortly.' }],
      })
      expect(databaseDownSince()).toBeUndefined()
    } finally {
      for (const client of held) client.release()
    }
  })

  it('closes every connection before closeDatabasePool resolves', async () => {
    const other = await initPayload()
    try {
      await openIdleConnections(other, 3)
      const pool = databasePool(other)
      const opened = pool.totalCount
      expect(opened).toBeGreaterThanOrEqual(3)
      let closed = 0
      pool.on('remove', () => closed++)
      await closeDatabasePool(other)
      expect(closed).toBe(opened)
    } finally {
      await closePayload(other)
    }
  })
})
