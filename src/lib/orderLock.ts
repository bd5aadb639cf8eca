import { sql } from '@payloadcms/db-postgres'

import type { TransactionSql } from './transactionSql'

/** An order row as seen under its lock. */
export type LockedOrder = { status: string; updatedAt: number }

/**
 * Locks an order row `FOR UPDATE` until the caller's transaction ends, so every change of one
 * order (update, cancel, delete, line edits) runs one after the other and each sees what the
 * previous one committed. Returns the row's status and `updatedAt` (epoch ms), or undefined when
 * the order does not exist (any more).
 */
export const lockOrder = async (
  run: TransactionSql,
  orderId: number,
): Promise<LockedOrder | undefined> => {
  const { rows } = await run<{ status: string; updated_ms: number }>(sql`
    SELECT status, round(extract(epoch FROM updated_at) * 1000)::float8 AS updated_ms
      FROM orders WHERE id = ${orderId} FOR UPDATE`)
  const row = rows[0]
  return row && { status: row.status, updatedAt: Number(row.updated_ms) }
}
