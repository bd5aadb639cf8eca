import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload, Where } from 'payload'

import { whereToSql } from '../../src/lib/search/whereToSql'
import { closePayload, initPayload } from '../helpers/payload'
import { createProduct, uniqueWord } from '../helpers/fixtures'

let payload: Payload
let brand: string
const ids: Record<'approved' | 'pending' | 'rejected', number> = {
  approved: 0,
  pending: 0,
  rejected: 0,
}

/** The ids of this file's products that `where` (translated to SQL) selects. */
const matching = async (where: Where): Promise<number[]> => {
  const fields = payload.collections.products.config.flattenedFields
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  const { rows } = await db.execute<{ id: number }>(
    sql`SELECT p.id FROM products p WHERE p.brand = ${brand} AND ${whereToSql(where, fields, 'p')} ORDER BY p.id`,
  )
  return rows.map((row) => Number(row.id))
}

beforeAll(async () => {
  payload = await initPayload()
  brand = uniqueWord('brand')
  for (const status of ['approved', 'pending', 'rejected'] as const) {
    ids[status] = (await createProduct(payload, { brand, model: status, price: 10, status })).id
  }
})

afterAll(async () => {
  await closePayload(payload)
})

describe('whereToSql (access rules inside the search statement)', () => {
  it('compares select fields to the enum column, by option value', async () => {
    expect(await matching({ status: { equals: 'approved' } })).toEqual([ids.approved])
    expect(await matching({ status: { not_equals: 'approved' } })).toEqual([
      ids.pending,
      ids.rejected,
    ])
    expect(await matching({ status: { in: ['pending', 'rejected'] } })).toEqual([
      ids.pending,
      ids.rejected,
    ])
    expect(await matching({ status: { not_in: 'pending' } })).toEqual([ids.approved, ids.rejected])
  })

  it('treats a value that is no option as matching nothing, not as a database error', async () => {
    expect(await matching({ status: { equals: 'archived' } })).toEqual([])
    expect(await matching({ status: { not_equals: 'archived' } })).toHaveLength(3)
    expect(await matching({ status: { in: ['archived', 'approved'] } })).toEqual([ids.approved])
    expect(await matching({ status: { not_in: ['archived'] } })).toHaveLength(3)
  })

  it('combines and/or with relationship and scalar conditions', async () => {
    const where: Where = {
      or: [{ status: { equals: 'approved' } }, { id: { equals: ids.rejected } }],
    }
    expect(await matching(where)).toEqual([ids.approved, ids.rejected])
    expect(await matching({ and: [where, { price: { greater_than: 10 } }] })).toEqual([])
  })

  it('refuses what it cannot translate instead of widening the result', () => {
    const fields = payload.collections.products.config.flattenedFields
    expect(() => whereToSql({ status: { greater_than: 'approved' } }, fields, 'p')).toThrow(
      /not supported/,
    )
    expect(() => whereToSql({ brand: { like: 'x' } }, fields, 'p')).toThrow(/not supported/)
  })
})
