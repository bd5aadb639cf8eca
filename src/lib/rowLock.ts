import { sql } from '@payloadcms/db-postgres'

import type { TransactionSql } from './transactionSql'

/**
 * Locks one row of a collection's table `FOR UPDATE` until the caller's transaction ends and tells
 * whether it exists. `FOR UPDATE`, not a weaker mode: Payload's update is an upsert that sets the
 * id, which takes this lock anyway, and upgrading to it later from a weaker one would deadlock
 * with transactions holding the foreign-key lock of a row that references this one (an order line
 * referencing the product it takes stock from).
 */
export const lockRow = async (run: TransactionSql, table: string, id: number): Promise<boolean> => {
  const { rows } = await run(
    sql`SELECT id FROM ${sql.identifier(table)} WHERE id = ${id} FOR UPDATE`,
  )
  return rows.length === 1
}
