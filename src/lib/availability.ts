import { sql } from '@payloadcms/db-postgres'
import type { Where } from 'payload'

import { sqlText } from './sqlText'
import { APPROVED_PRODUCT_STATUS } from './statuses'
import type { SQL } from './transactionSql'

/**
 * Product availability, the one definition, as a TypeScript predicate, as SQL and as a Payload
 * `Where` (each written next to the others so they cannot drift apart):
 * - **listed**: approved and not in the trash. Only a listed product is shown to shoppers, can be
 *   ordered (`productStock.ts`) and reviewed (`refuseInvalidReviewTarget`).
 * - **available** (the stored `available` field): listed and in stock. Set on every product write
 *   (`derivePriceAndAvailability`) and on every stock change made in SQL by orders.
 */
export type ProductState = {
  status: string
  stock: number
  /** In the trash (`deletedAt` set). */
  trashed: boolean
}

/** Approved and not in the trash: shown in the catalog, orderable and reviewable. */
export const isListed = ({ status, trashed }: Pick<ProductState, 'status' | 'trashed'>): boolean =>
  status === APPROVED_PRODUCT_STATUS && !trashed

/** Listed and in stock: the value of a product's `available` field. */
export const isAvailable = (product: ProductState): boolean =>
  isListed(product) && product.stock > 0

/** A column of `products`, qualified by the alias the statement gives the table, if any. */
const column = (table: string | undefined, name: string) =>
  sql.raw(table ? `${table}.${name}` : name)

/** SQL for "not in the trash" (`isListed` without the status), for staff views of the catalog. */
export const notTrashedSql = (table?: string): SQL => sql`${column(table, 'deleted_at')} IS NULL`

/** SQL for `isListed`: `(status = 'approved' AND deleted_at IS NULL)`. */
export const listedSql = (table?: string): SQL =>
  sql`(${column(table, 'status')} = ${sqlText(APPROVED_PRODUCT_STATUS)} AND ${notTrashedSql(table)})`

/** SQL for "in stock", of `stock` or of an expression for the stock after a change. */
export const inStockSql = (stock: SQL = sql`stock`): SQL => sql`${stock} > 0`

/**
 * SQL for `isAvailable`, to set `available` in the UPDATE that changes the stock: `stock` is the
 * stock after the change (`stock - 3`), as the row's `stock` is the one before it.
 */
export const availableSql = (stock: SQL = sql`stock`): SQL =>
  sql`(${listedSql()} AND ${inStockSql(stock)})`

/**
 * `isListed` as a Payload `Where`: approved (Payload's finds leave the trash out by themselves).
 * For queries that show shoppers products whoever asks (staff may read every status). A new
 * object each call: Payload may rewrite a query's `where` in place.
 */
export const listedWhere = (): Where => ({ status: { equals: APPROVED_PRODUCT_STATUS } })
