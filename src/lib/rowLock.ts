import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { TransactionSql } from './transactionSql'

type CollectionTable = PostgresAdapter['tables'][string]

/**
 * The Drizzle table a collection is stored in, as the Postgres adapter named it (a custom `dbName`
 * and the adapter's `schemaName` included). The adapter keys its name map by the default table
 * name, `toSnakeCase(slug)` (@payloadcms/drizzle createTableName); for slugs of lower-case letters,
 * digits and hyphens (every slug here) that is the slug with `_` for `-`, so no case conversion is
 * copied. A collection it cannot find fails loudly rather than locking nothing.
 */
export const collectionTable = (payload: Payload, slug: string): CollectionTable => {
  const adapter = payload.db as unknown as PostgresAdapter
  const name = adapter.tableNameMap.get(slug.replaceAll('-', '_'))
  const table = name === undefined ? undefined : adapter.tables[name]
  if (!table) throw new Error(`No database table found for collection "${slug}"`)
  return table
}

/** Whether a row exists, read without a lock. */
export const rowExists = async (
  run: TransactionSql,
  table: CollectionTable,
  id: number,
): Promise<boolean> => {
  const { rows } = await run(sql`SELECT 1 FROM ${table} WHERE id = ${id}`)
  return rows.length === 1
}

/**
 * Locks one row of a table `FOR UPDATE` until the caller's transaction ends and tells whether it
 * exists. `FOR UPDATE`, not a weaker mode: Payload's update is an upsert that sets the id, which
 * takes this lock anyway, and upgrading to it later from a weaker one would deadlock with
 * transactions holding the foreign-key lock of a row that references this one (an order line
 * referencing the product it takes stock from).
 */
export const lockRow = async (
  run: TransactionSql,
  table: CollectionTable,
  id: number,
): Promise<boolean> => {
  const { rows } = await run(sql`SELECT id FROM ${table} WHERE id = ${id} FOR UPDATE`)
  return rows.length === 1
}
