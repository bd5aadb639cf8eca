import { sql } from '@payloadcms/db-postgres'

import { sqlText } from './sqlText'
import { PUBLISHED_REVIEW_STATUS } from './statuses'
import type { TransactionSql } from './transactionSql'

/**
 * Locks a product row for the rest of the transaction. `FOR NO KEY UPDATE` rather than `FOR
 * UPDATE`: inserting a review takes a `FOR KEY SHARE` lock on the product through the foreign key,
 * which `FOR UPDATE` would conflict with (two reviewers would deadlock); this mode serialises
 * writers of the product while leaving foreign-key checks alone. Returns whether the row exists.
 */
export const lockProduct = async (run: TransactionSql, productId: number) => {
  const locked = await run<{ status: string; deleted: boolean; owner_id: number | null }>(sql`
    SELECT status, deleted_at IS NOT NULL AS deleted, owner_id
      FROM products WHERE id = ${productId} FOR NO KEY UPDATE`)
  return locked.rows[0]
}

/**
 * Recomputes a product's `ratingAverage` (two decimals) and `ratingCount` from its published
 * reviews inside the caller's transaction. No read-then-write: the row is locked first, and the
 * aggregate is computed by a later statement, which under READ COMMITTED sees every review
 * committed by transactions that held the lock before us, plus our own change.
 */
export const refreshProductRating = async (run: TransactionSql, productId: number) => {
  await lockProduct(run, productId)
  await run(sql`
    UPDATE products
       SET rating_count = totals.count,
           rating_average = totals.average
      FROM (SELECT count(*) AS count, coalesce(round(avg(rating), 2), 0) AS average
              FROM reviews
             WHERE product_id = ${productId} AND status = ${sqlText(PUBLISHED_REVIEW_STATUS)}) AS totals
     WHERE products.id = ${productId}`)
}

/**
 * Recomputes `ratingAverage` and `ratingCount` of every product at once, with the same formula
 * as `refreshProductRating`: for bulk writes (the demo seed) that bypass the review hooks.
 */
export const refreshAllProductRatings = async (run: TransactionSql) => {
  await run(sql`
    UPDATE products
       SET rating_count = coalesce(totals.count, 0),
           rating_average = coalesce(totals.average, 0)
      FROM products AS p
      LEFT JOIN (SELECT product_id, count(*) AS count, round(avg(rating), 2) AS average
                   FROM reviews
                  WHERE status = ${sqlText(PUBLISHED_REVIEW_STATUS)}
                  GROUP BY product_id) AS totals ON totals.product_id = p.id
     WHERE products.id = p.id`)
}
