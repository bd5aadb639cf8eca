import type { Payload } from 'payload'

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

  beforeAll(async () => {
    payload = await initPayload()
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
