import { sql } from '@payloadcms/db-postgres'

import { sqlTextList } from './sqlText'
import { PURCHASED_STATUSES } from './statuses'
import type { TransactionSql } from './transactionSql'

const purchased = (customer: ReturnType<typeof sql>, product: ReturnType<typeof sql>) => sql`
  EXISTS (SELECT 1
            FROM orders o
            JOIN orders_items i ON i._parent_id = o.id
           WHERE o.customer_id = ${customer}
             AND i.product_id = ${product}
             AND o.status IN (${sqlTextList(PURCHASED_STATUSES)}))`

/** True when `authorId` has a purchased order (`PURCHASED_STATUSES`) containing `productId`. */
export const hasPurchased = async (
  run: TransactionSql,
  authorId: number,
  productId: number,
): Promise<boolean> => {
  const result = await run<{ verified: boolean }>(
    sql`SELECT ${purchased(sql`${authorId}`, sql`${productId}`)} AS verified`,
  )
  return Boolean(result.rows[0]?.verified)
}

/**
 * Re-derives `verifiedPurchase` on a customer's reviews of the given products, after one of their
 * orders changed status or was deleted. One UPDATE, in the caller's transaction; returns how many
 * reviews changed (only those are written).
 */
export const refreshVerifiedPurchases = async (
  run: TransactionSql,
  customerId: number,
  productIds: number[],
): Promise<number> => {
  if (productIds.length === 0) return 0
  const ids = sql.join(
    productIds.map((id) => sql`${id}`),
    sql`, `,
  )
  const verified = purchased(sql`r.author_id`, sql`r.product_id`)
  const result = await run(sql`
    UPDATE reviews r
       SET verified_purchase = ${verified}
     WHERE r.author_id = ${customerId} AND r.product_id IN (${ids})
       AND r.verified_purchase IS DISTINCT FROM ${verified}`)
  return result.rowCount ?? 0
}

/**
 * Re-derives `verifiedPurchase` on every review at once (the same rule as the hooks): for bulk
 * writes (the demo seed) that bypass the order and review hooks.
 */
export const refreshAllVerifiedPurchases = async (run: TransactionSql): Promise<void> => {
  await run(sql`
    UPDATE reviews r SET verified_purchase = ${purchased(sql`r.author_id`, sql`r.product_id`)}`)
}
