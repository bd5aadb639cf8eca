import { sql } from '@payloadcms/db-postgres'
import { APIError } from 'payload'

import { availableSql, listedSql } from './availability'
import type { TransactionSql } from './transactionSql'

/** A product's pricing as an order read it. */
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

type ProductStateRow = { brand: string; model: string; stock: string; orderable: boolean }

const productState = async (run: TransactionSql, productId: number) =>
  (
    await run<ProductStateRow>(sql`
      SELECT brand, model, stock, ${listedSql()} AS orderable
        FROM products WHERE id = ${productId}`)
  ).rows[0]

const notOrderable = (productId: number): APIError =>
  new APIError(`Product ${productId} is not available for ordering`, 400)

const shortOfStock = (productId: number, product: ProductStateRow, quantity: number): APIError =>
  new APIError(
    `Not enough stock for "${product.brand} ${product.model}" (product ${productId}): ` +
      `${quantity} requested, ${Number(product.stock)} left`,
    409,
  )

const pricedProduct = (row: PricedRow): PricedProduct => ({
  id: Number(row.id),
  price: Number(row.price),
  discount: numberOrNull(row.discount),
  finalPrice: numberOrNull(row.final_price),
  brand: row.brand,
  model: row.model,
})

/**
 * The current prices of orderable products (listed: approved, not in the trash), without taking
 * stock or locking anything. Throws 400 naming the first product that does not exist or is not
 * orderable.
 */
export const priceProducts = async (
  run: TransactionSql,
  productIds: number[],
): Promise<Map<number, PricedProduct>> => {
  const ids = sql.join(
    productIds.map((id) => sql`${id}`),
    sql`, `,
  )
  const { rows } = await run<PricedRow>(sql`
    SELECT id, price, discount, final_price, brand, model FROM products
     WHERE id IN (${ids}) AND ${listedSql()}`)
  const priced = new Map(rows.map((row) => [Number(row.id), pricedProduct(row)]))
  const missing = productIds.find((id) => !priced.has(id))
  if (missing !== undefined) throw notOrderable(missing)
  return priced
}

/**
 * Takes `quantity` units of a product's stock in the caller's transaction, or throws without
 * changing anything: a single guarded UPDATE, so two transactions can never both take the last
 * unit (the second one re-checks `stock >= quantity` on the row the first committed). Only
 * listed products (approved, not in the trash) can be taken from. With `pricedAt`, the product
 * must still have the price and discount the caller priced it at (409 otherwise). Returns the
 * product's prices.
 */
export const takeStock = async (
  run: TransactionSql,
  productId: number,
  quantity: number,
  pricedAt?: { price: number; discount: number },
): Promise<PricedProduct> => {
  // finalPrice is derived from these two (derivePriceAndAvailability).
  const samePrice = pricedAt
    ? sql`AND price = ${pricedAt.price}::numeric
          AND coalesce(discount, 0) = ${pricedAt.discount}::numeric`
    : sql``
  const taken = await run<PricedRow>(sql`
    UPDATE products
       SET stock = stock - ${quantity},
           available = ${availableSql(sql`stock - ${quantity}`)}
     WHERE id = ${productId}
       AND stock >= ${quantity}
       AND ${listedSql()}
       ${samePrice}
    RETURNING id, price, discount, final_price, brand, model`)
  const row = taken.rows[0]
  if (taken.rowCount === 1 && row) return pricedProduct(row)
  const product = await productState(run, productId)
  if (!product || !product.orderable) throw notOrderable(productId)
  if (Number(product.stock) < quantity) throw shortOfStock(productId, product, quantity)
  throw new APIError(
    `The price of "${product.brand} ${product.model}" (product ${productId}) changed while ` +
      'the order was placed; nothing was ordered, please try again',
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
           available = ${availableSql(sql`stock + ${quantity}`)}
     WHERE id = ${productId}`)
}

/**
 * Locks a product row `FOR UPDATE` (the lock Payload's own update of it takes; see `lockRow`) and
 * returns its stock as committed, or undefined when the product does not exist.
 */
export const lockStockForEdit = async (
  run: TransactionSql,
  productId: number,
): Promise<number | undefined> => {
  const { rows } = await run<{ stock: string }>(
    sql`SELECT stock FROM products WHERE id = ${productId} FOR UPDATE`,
  )
  return rows[0] && Number(rows[0].stock)
}

/** A listed product's name and stock, as a cart checks them. */
export type ListedStock = { name: string; stock: number }

/**
 * The name and committed stock of those of `productIds` that are listed (approved, not in the
 * trash), read without a lock: a cart only checks, the order takes stock with a guarded UPDATE.
 */
export const listedStock = async (
  run: TransactionSql,
  productIds: number[],
): Promise<Map<number, ListedStock>> => {
  if (productIds.length === 0) return new Map()
  const ids = sql.join(
    productIds.map((id) => sql`${id}`),
    sql`, `,
  )
  const { rows } = await run<{ id: number; brand: string; model: string; stock: string }>(sql`
    SELECT id, brand, model, stock FROM products WHERE id IN (${ids}) AND ${listedSql()}`)
  return new Map(
    rows.map((row) => [
      Number(row.id),
      { name: `${row.brand} ${row.model}`, stock: Number(row.stock) },
    ]),
  )
}
