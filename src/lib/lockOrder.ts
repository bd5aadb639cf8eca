import { sql } from '@payloadcms/db-postgres'
import { APIError, type Payload } from 'payload'

import { lockUserTokens } from './auth/userTokenLock'
import { lockProduct } from './productRating'
import { collectionTable, lockRow } from './rowLock'
import type { TransactionSql } from './transactionSql'

type CollectionTable = ReturnType<typeof collectionTable>

/** Locks one document's row, and first whatever comes before it in the lock order. */
type DocumentLock = (run: TransactionSql, table: CollectionTable, id: number) => Promise<boolean>

/**
 * A review comes after its product: a review write refreshes the product's rating, and an order
 * cancel (which holds the product to return its stock) refreshes the customer's reviews of it.
 * The product id is read without a lock, the product locked (`FOR NO KEY UPDATE`, the mode the
 * rating refresh takes, which leaves the foreign-key locks of new reviews and order lines alone),
 * then the review; a review moved to another product in between is refused with 409 rather than
 * locking that product after its review.
 */
const lockReviewAfterItsProduct: DocumentLock = async (run, table, id) => {
  const productOf = async (lock: boolean) =>
    (
      await run<{ product_id: number | null }>(
        sql`SELECT product_id FROM ${table} WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
      )
    ).rows[0]
  const before = await productOf(false)
  if (!before) return false
  if (before.product_id !== null) await lockProduct(run, Number(before.product_id))
  const locked = await productOf(true)
  if (!locked) return false
  if (locked.product_id !== before.product_id) {
    throw new APIError(
      `Review ${id} was moved to another product meanwhile; nothing was changed, please try again`,
      409,
    )
  }
  return true
}

/**
 * A user's row comes after the user's refresh-token lock: a token refresh holds that lock while
 * it adds a session and a refresh token (foreign-key locks on the row), so locking the row first
 * and the tokens second (a password change revokes them) would deadlock with it.
 */
const lockUserAfterTheirTokens: DocumentLock = async (run, table, id) => {
  await lockUserTokens(run, id)
  return lockRow(run, table, id)
}

/**
 * Collections whose rows are not the first thing their writes lock. Everything else is locked on
 * its own (`lockRow`).
 */
const lockInOrder: Partial<Record<string, DocumentLock>> = {
  reviews: lockReviewAfterItsProduct,
  users: lockUserAfterTheirTokens,
}

/**
 * Locks a document's row `FOR UPDATE` for the rest of the transaction, in the global lock order,
 * and tells whether it exists. Every transaction that locks several rows takes them in this order,
 * so no two of them can each hold a row the other waits for (Postgres would break the cycle after
 * `deadlock_timeout` by failing one of them):
 *
 * 1. an order (`lockDocumentForWrite`, `refuseStaleOrderChange`, `deleteOrder`);
 * 2. products, in ascending id (stock taken, returned or edited: `orderLines`, `keepCommittedStock`;
 *    a review's product before the review; a new review's product: `refuseInvalidReviewTarget`);
 * 3. reviews (rating refresh after the product, verified-purchase refresh after the order and
 *    its products).
 *
 * Separately, for accounts: a user's refresh-token lock, then the user's row, then their sessions
 * and refresh tokens.
 */
export const lockDocument = async (
  run: TransactionSql,
  payload: Payload,
  slug: string,
  id: number,
): Promise<boolean> => {
  const table = collectionTable(payload, slug)
  const lock = lockInOrder[slug] ?? lockRow
  return lock(run, table, id)
}
