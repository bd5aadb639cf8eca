import { APIError, Forbidden, type PayloadRequest, type Sort, type Where } from 'payload'

import type { Order, Product } from '@/payload-types'
import { type CsvValue, toCsv } from '../lib/csv'
import { relationId } from '../lib/relationId'
import { isStaffUser } from '../lib/roles'

/** The most rows one export returns; ask for less with `limit`, or filter with `where`. */
export const MAX_EXPORT_ROWS = 10_000
const PAGE_SIZE = 500

/**
 * A column: its header, the top-level field whose read access it depends on, and its value. A
 * column whose field the caller may not read (field access dropped it from every row) is left
 * out of the file.
 */
type Column<T> = { header: string; field: keyof T & string; value: (doc: T) => CsvValue }

const username = (value: unknown): CsvValue =>
  value && typeof value === 'object' && 'username' in value ? String(value.username) : null

/**
 * Orders, one line each. The shipping address and the customer's notes are not exported: they
 * serve fulfilment in the panel and do not belong in spreadsheets (see docs/CONSOLE.md).
 */
const ORDER_COLUMNS: Column<Order>[] = [
  { header: 'id', field: 'id', value: (order) => order.id },
  { header: 'createdAt', field: 'createdAt', value: (order) => order.createdAt },
  { header: 'status', field: 'status', value: (order) => order.status },
  { header: 'customerId', field: 'customer', value: (order) => relationId(order.customer) },
  { header: 'customer', field: 'customer', value: (order) => username(order.customer) },
  {
    header: 'items',
    field: 'items',
    value: (order) =>
      order.items
        .map(({ product, quantity }) =>
          typeof product === 'object' && product
            ? `${quantity} × ${product.brand} ${product.model}`
            : `${quantity} × #${product}`,
        )
        .join('; '),
  },
  {
    header: 'quantity',
    field: 'items',
    value: (order) => order.items.reduce((sum, line) => sum + line.quantity, 0),
  },
  { header: 'total', field: 'total', value: (order) => order.total },
  { header: 'currency', field: 'currency', value: (order) => order.currency },
]

const PRODUCT_COLUMNS: Column<Product>[] = [
  { header: 'id', field: 'id', value: (product) => product.id },
  { header: 'brand', field: 'brand', value: (product) => product.brand },
  { header: 'model', field: 'model', value: (product) => product.model },
  { header: 'slug', field: 'slug', value: (product) => product.slug },
  {
    header: 'category',
    field: 'category',
    value: ({ category }) => (typeof category === 'object' && category ? category.name : null),
  },
  { header: 'status', field: 'status', value: (product) => product.status },
  { header: 'rejectionReason', field: 'rejectionReason', value: (p) => p.rejectionReason },
  { header: 'price', field: 'price', value: (product) => product.price },
  { header: 'discount', field: 'discount', value: (product) => product.discount },
  { header: 'finalPrice', field: 'finalPrice', value: (product) => product.finalPrice },
  { header: 'stock', field: 'stock', value: (product) => product.stock },
  { header: 'available', field: 'available', value: (product) => product.available },
  { header: 'ownerId', field: 'owner', value: (product) => relationId(product.owner) },
  { header: 'owner', field: 'owner', value: (product) => username(product.owner) },
  { header: 'createdAt', field: 'createdAt', value: (product) => product.createdAt },
  { header: 'updatedAt', field: 'updatedAt', value: (product) => product.updatedAt },
]

export type ExportedCollection = 'orders' | 'products'

/** The file: the columns the caller may read (any row has the field), then one line a document. */
const render = <T extends object>(columns: Column<T>[], docs: T[]): string => {
  const shown = columns.filter(({ field }) => docs.length === 0 || docs.some((doc) => field in doc))
  return toCsv(
    shown.map(({ header }) => header),
    docs.map((doc) => shown.map(({ field, value }) => (field in doc ? value(doc) : null))),
  )
}

export type ExportQuery = { where?: Where; sort?: Sort; limit?: number }

/** The `limit` query parameter: absent, or an integer from 1 to MAX_EXPORT_ROWS (else 400). */
export const parseExportLimit = (value: unknown): number | undefined => {
  if (value === undefined || value === '') return undefined
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_ROWS) {
    throw new APIError(`"limit" is an integer from 1 to ${MAX_EXPORT_ROWS}.`, 400)
  }
  return limit
}

/**
 * The documents of `collection` that match `where`, as CSV, for admins and staff signed in with
 * a session (401 anonymous, 403 anybody else, API tokens included). Read through the
 * collection's access as the caller (`overrideAccess: false`), so rows and fields are what they
 * may read over REST; the query guards check `where` and `sort` as for a list.
 */
export const exportCsv = async (
  req: PayloadRequest,
  collection: ExportedCollection,
  { where, sort, limit = MAX_EXPORT_ROWS }: ExportQuery,
): Promise<string> => {
  if (!req.user) throw new APIError('You must be logged in to export.', 401)
  if (!isStaffUser(req.user)) throw new Forbidden(req.t)
  const docs: unknown[] = []
  for (let page = 1; docs.length < limit; page++) {
    const result = await req.payload.find({
      collection,
      where,
      sort: sort ?? 'id',
      page,
      limit: Math.min(PAGE_SIZE, limit - docs.length),
      depth: 1,
      overrideAccess: false,
      req,
    })
    docs.push(...result.docs)
    if (!result.hasNextPage) break
  }
  return collection === 'orders'
    ? render(ORDER_COLUMNS, docs as Order[])
    : render(PRODUCT_COLUMNS, docs as Product[])
}
