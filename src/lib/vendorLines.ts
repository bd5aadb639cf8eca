import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { APIError, type PayloadRequest } from 'payload'

import { hasRole } from './roles'
import { ORDER_STATUSES, type OrderStatus } from './statuses'
import type { SQL } from './transactionSql'

export const VENDOR_LINES_DEFAULT_LIMIT = 20
export const VENDOR_LINES_MAX_LIMIT = 100
const MAX_PAGE = 100_000
const PARAMETERS = ['page', 'limit', 'status']

/**
 * One order line of a vendor's product, with what the vendor needs to prepare it: the order's
 * number, date and status, the product, the quantity and what the line is worth. Nothing about the
 * customer (no name, email, address or notes): the store ships orders (only staff move an order
 * to shipped), so a vendor hands the goods to the store and never needs to know who bought them.
 * Other products on the same order (other vendors' lines) are not part of it.
 */
export type VendorLine = {
  orderId: number
  orderedAt: string
  orderStatus: OrderStatus
  lineId: string
  product: { id: number; brand: string; model: string; slug: string }
  quantity: number
  unitPrice: number | null
  discount: number | null
  lineTotal: number | null
  currency: string | null
}

export type VendorLinesPage = {
  docs: VendorLine[]
  totalDocs: number
  limit: number
  page: number
  totalPages: number
  hasPrevPage: boolean
  hasNextPage: boolean
  prevPage: number | null
  nextPage: number | null
}

export type VendorLinesQuery = { page: number; limit: number; status?: OrderStatus }

const positiveInteger = (name: string, value: string | null, fallback: number, max: number) => {
  if (value === null) return fallback
  if (!/^[1-9][0-9]*$/.test(value) || Number(value) > max) {
    throw new APIError(`"${name}" is an integer from 1 to ${max}.`, 400)
  }
  return Number(value)
}

/**
 * The query of `GET /api/orders/vendor-lines` from its search parameters: `page` (default 1),
 * `limit` (1–100, default 20) and `status` (one order status). Anything else (a malformed or
 * repeated value, another parameter such as `page[equals]`) is a 400.
 */
export const parseVendorLinesQuery = (params: URLSearchParams): VendorLinesQuery => {
  for (const name of new Set(params.keys())) {
    if (!PARAMETERS.includes(name)) {
      throw new APIError(`Unknown parameter "${name}": use ${PARAMETERS.join(', ')}.`, 400)
    }
    if (params.getAll(name).length > 1) throw new APIError(`"${name}" is given once.`, 400)
  }
  const status = params.get('status')
  if (status !== null && !(ORDER_STATUSES as string[]).includes(status)) {
    throw new APIError(`"status" is one of ${ORDER_STATUSES.join(', ')}.`, 400)
  }
  return {
    page: positiveInteger('page', params.get('page'), 1, MAX_PAGE),
    limit: positiveInteger(
      'limit',
      params.get('limit'),
      VENDOR_LINES_DEFAULT_LIMIT,
      VENDOR_LINES_MAX_LIMIT,
    ),
    ...(status === null ? {} : { status: status as OrderStatus }),
  }
}

type Row = {
  order_id: number
  ordered_at: string | Date
  order_status: OrderStatus
  line_id: string
  product_id: number
  brand: string
  model: string
  slug: string
  quantity: string | number
  unit_price: string | number | null
  discount: string | number | null
  line_total: string | number | null
  currency: string | null
}

const numberOrNull = (value: string | number | null): number | null =>
  value === null ? null : Number(value)

/**
 * The order lines of the caller's own products (trashed ones included: their orders still need
 * fulfilling), newest order first, paginated in Payload's shape. One SQL query over `orders_items`
 * joined to its order and to `products.owner_id`, plus its count: another vendor's line on the same
 * order never leaves the database. 401 anonymous; 403 for anyone without the vendor role (staff
 * read whole orders through /api/orders).
 */
export const findVendorLines = async (
  req: PayloadRequest,
  { page, limit, status }: VendorLinesQuery,
): Promise<VendorLinesPage> => {
  if (!req.user) throw new APIError('You must be logged in to see your order lines.', 401)
  if (!hasRole(req.user, 'vendor')) {
    throw new APIError('Only vendors have order lines; staff read orders at /api/orders.', 403)
  }
  const filters: SQL[] = [sql`p.owner_id = ${req.user.id}`]
  if (status) filters.push(sql`o.status = ${status}`)
  const where = sql.join(filters, sql` AND `)
  const from = sql`orders_items i JOIN orders o ON o.id = i._parent_id JOIN products p ON p.id = i.product_id`
  const db = (req.payload.db as unknown as PostgresAdapter).drizzle
  const [counted, listed] = await Promise.all([
    db.execute<{ total: string }>(sql`SELECT count(*) AS total FROM ${from} WHERE ${where}`),
    db.execute<Row>(sql`
      SELECT o.id AS order_id, o.created_at AS ordered_at, o.status AS order_status,
        i.id AS line_id, p.id AS product_id, p.brand, p.model, p.slug,
        i.quantity, i.unit_price, i.discount, i.line_total, o.currency
      FROM ${from}
      WHERE ${where}
      ORDER BY o.created_at DESC, o.id DESC, i._order
      LIMIT ${limit} OFFSET ${(page - 1) * limit}`),
  ])
  const totalDocs = Number(counted.rows[0]?.total ?? 0)
  const totalPages = Math.ceil(totalDocs / limit)
  return {
    docs: listed.rows.map((row) => ({
      orderId: row.order_id,
      orderedAt: new Date(row.ordered_at).toISOString(),
      orderStatus: row.order_status,
      lineId: row.line_id,
      product: { id: row.product_id, brand: row.brand, model: row.model, slug: row.slug },
      quantity: Number(row.quantity),
      unitPrice: numberOrNull(row.unit_price),
      discount: numberOrNull(row.discount),
      lineTotal: numberOrNull(row.line_total),
      currency: row.currency,
    })),
    totalDocs,
    limit,
    page,
    totalPages,
    hasPrevPage: page > 1,
    hasNextPage: page < totalPages,
    prevPage: page > 1 ? page - 1 : null,
    nextPage: page < totalPages ? page + 1 : null,
  }
}
