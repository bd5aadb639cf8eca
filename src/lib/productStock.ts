import { sql } from '@payloadcms/db-postgres'
import { APIError } from 'payload'

import type { TransactionSql } from './transactionSql'

/** A product's pricing as it was when stock was taken. */
export type PricedProduct = {
  id: number
  price: number
  discount: number | null
  finalPrice: number | null
  brand: string
  model: string
}

type PricedRow = {
  id: number
  price: string
  discount: string | null
  final_price: string | null
  brand: string
  model: string
}

const numberOrNull = (value: string | null): number | null =>
  value === null ? null : Number(value)

/**
 * Takes `quantity` units of a product's stock in the caller's transaction, or throws without
 * changing anything: a single guarded UPDATE, so two transactions can never both take the last
 * unit (the second one re-checks `stock >= quantity` on the row the first committed). Only
 * approved products that are not in the trash can be taken from. Returns the product's prices.
 */
export const takeStock = async (
  run: TransactionSql,
  productId: number,
  quantity: number,
): Promise<PricedProduct> => {
  const taken = await run<PricedRow>(sql`
    UPDATE products
       SET stock = stock - ${quantity},
           available = (status = 'approved' AND stock - ${quantity} > 0)
     WHERE id = ${productId}
       AND stock >= ${quantity}
       AND status = 'approved'
       AND deleted_at IS NULL
    RETURNING id, price, discount, final_price, brand, model`)
  const row = taken.rows[0]
  if (taken.rowCount === 1 && row) {
    return {
      id: Number(row.id),
      price: Number(row.price),
      discount: numberOrNull(row.discount),
      finalPrice: numberOrNull(row.final_price),
      brand: row.brand,
      model: row.model,
    }
  }
  const found = await run<{ brand: string; model: string; stock: string; orderable: boolean }>(sql`
    SELECT brand, model, stock, (status = 'approved' AND deleted_at IS NULL) AS orderable
      FROM products WHERE id = ${productId}`)
  const product = found.rows[0]
  if (!product || !product.orderable) {
    throw new APIError(`Product ${productId} is not available for ordering`, 400)
  }
  throw new APIError(
    `Not enough stock for "${product.brand} ${product.model}" (product ${productId}): ` +
      `${quantity} requested, ${Number(product.stock)} left`,
    409,
  )
}

/** Puts `quantity` units back (cancelled or deleted orders, reduced lines), even if trashed. */
export const returnStock = async (
  run: TransactionSql,
  productId: number,
  quantity: number,
): Promise<void> => {
  await run(sql`
    UPDATE products
       SET stock = stock + ${quantity},
           available = (status = 'approved' AND deleted_at IS NULL AND stock + ${quantity} > 0)
     WHERE id = ${productId}`)
}
