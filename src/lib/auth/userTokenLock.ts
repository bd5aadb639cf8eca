import { sql } from '@payloadcms/db-postgres'

import type { TransactionSql } from '../transactionSql'

/** Namespace of the advisory locks that serialise changes to one user's refresh tokens. */
const REFRESH_TOKEN_LOCK = 0x52_46_54

/**
 * Takes the user's refresh-token lock (a transaction-scoped advisory lock) until the transaction
 * ends. It comes before the user's row in the lock order (see `src/lib/lockOrder.ts`): a token
 * refresh holds it while it adds a session (a foreign-key lock on the user's row), so a write
 * that locked the row first and this second would deadlock with it.
 */
export const lockUserTokens = async (run: TransactionSql, userId: number): Promise<void> => {
  await run(sql`SELECT pg_advisory_xact_lock(${REFRESH_TOKEN_LOCK}::int, ${userId}::int)`)
}
