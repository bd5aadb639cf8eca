/**
 * Every statement the admin dashboard runs, in one place. Each is an aggregate (GROUP BY, COUNT,
 * SUM) or a short, limited list of a few columns: the dashboard never loads documents. Money is
 * summed in integer cents (`round(x * 100)`), the rule of `src/lib/money.ts`. Days are UTC days.
 *
 * A scope narrows every statement: the whole store (admin, staff), or one vendor's products (their
 * order lines, their products, reviews of their products).
 */
import { sql } from '@payloadcms/db-postgres'

import { notTrashedSql } from '../availability'
import { sqlText, sqlTextList } from '../sqlText'
import {
  PENDING_PRODUCT_STATUS,
  PUBLISHED_REVIEW_STATUS,
  PURCHASED_STATUSES,
  REJECTED_PRODUCT_STATUS,
} from '../statuses'
import type { SQL } from '../transactionSql'

/** Whose figures: the whole store, or the products one vendor owns. */
export type DashboardScope = { kind: 'store' } | { kind: 'vendor'; vendorId: number }

/** `AND p.owner_id = …` for a vendor's scope, nothing for the store's. */
const ownedBy = (scope: DashboardScope, products = 'p'): SQL =>
  scope.kind === 'vendor' ? sql`AND ${sql.raw(products)}.owner_id = ${scope.vendorId}` : sql``

/**
 * The orders a scope sees, one row per order with what it is worth to the scope: the order's
 * total for the store, the sum of the vendor's lines for a vendor (an order without their lines
 * is not theirs).
 */
const scopedOrders = (scope: DashboardScope): SQL =>
  scope.kind === 'store'
    ? sql`SELECT o.id, o.status, o.created_at, round(o.total * 100)::bigint AS cents FROM orders o`
    : sql`SELECT o.id, o.status, o.created_at, sum(round(i.line_total * 100))::bigint AS cents
            FROM orders o
            JOIN orders_items i ON i._parent_id = o.id
            JOIN products p ON p.id = i.product_id
           WHERE TRUE ${ownedBy(scope)}
           GROUP BY o.id`

/** The first instant of the UTC day `days - 1` days before `now`'s, as a timestamptz. */
const firstDay = (now: Date, days: number): SQL =>
  sql`((date_trunc('day', ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        - ${`${days - 1} days`}::interval) AT TIME ZONE 'UTC')`

export type DailyRow = { day: string; orders: number; revenue_cents: string | number }

/**
 * Orders placed and revenue per UTC day for the `days` days ending with `now`'s day (every day,
 * zero when nothing happened). Revenue counts purchased orders only (`PURCHASED_STATUSES`).
 */
export const dailySalesSql = (scope: DashboardScope, now: Date, days: number): SQL => sql`
  WITH scoped AS (${scopedOrders(scope)}),
  placed AS (
    SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day,
           count(*)::int AS orders,
           coalesce(sum(cents) FILTER (WHERE status IN (${sqlTextList(PURCHASED_STATUSES)})), 0)
             AS revenue_cents
      FROM scoped
     WHERE created_at >= ${firstDay(now, days)}
       AND created_at < ${firstDay(now, 0)}
     GROUP BY 1
  )
  SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
         coalesce(placed.orders, 0)::int AS orders,
         coalesce(placed.revenue_cents, 0)::bigint AS revenue_cents
    FROM generate_series(${firstDay(now, days)} AT TIME ZONE 'UTC',
                         ${firstDay(now, 1)} AT TIME ZONE 'UTC',
                         interval '1 day') AS d(day)
    LEFT JOIN placed ON placed.day = d.day
   ORDER BY d.day`

export type StatusRow = { status: string; orders: number; cents: string | number }

/** Orders and their worth to the scope, per order status (all time). */
export const ordersByStatusSql = (scope: DashboardScope): SQL => sql`
  WITH scoped AS (${scopedOrders(scope)})
  SELECT status::text AS status, count(*)::int AS orders, coalesce(sum(cents), 0)::bigint AS cents
    FROM scoped
   GROUP BY status`

export type ModerationRow = {
  id: number
  brand: string
  model: string
  status: string
  rejection_reason: string | null
  owner: string | null
  price_cents: string | number
  submitted_at: string
  total: number
}

/**
 * The moderation queue: for the store, pending products, longest waiting first; for a vendor,
 * their own pending and rejected products (rejected first: those need their action). `total` is
 * the size of the whole queue, whatever `limit` shows.
 */
export const moderationQueueSql = (scope: DashboardScope, limit: number): SQL => {
  const statuses =
    scope.kind === 'store'
      ? sqlTextList([PENDING_PRODUCT_STATUS])
      : sqlTextList([REJECTED_PRODUCT_STATUS, PENDING_PRODUCT_STATUS])
  return sql`
  SELECT p.id, p.brand, p.model, p.status::text AS status, p.rejection_reason,
         u.username AS owner,
         round(coalesce(p.final_price, p.price) * 100)::bigint AS price_cents,
         p.updated_at AS submitted_at,
         count(*) OVER ()::int AS total
    FROM products p
    LEFT JOIN users u ON u.id = p.owner_id
   WHERE p.status IN (${statuses}) AND ${notTrashedSql('p')} ${ownedBy(scope)}
   ORDER BY p.status = ${sqlText(PENDING_PRODUCT_STATUS)}, p.updated_at, p.id
   LIMIT ${limit}`
}

export type LowStockRow = {
  id: number
  brand: string
  model: string
  status: string
  stock: number
  owner: string | null
  total: number
}

/**
 * Products with `threshold` units or fewer left, the emptiest first: products in the trash and
 * rejected ones (not on sale, not about to be) are left out.
 */
export const lowStockSql = (scope: DashboardScope, threshold: number, limit: number): SQL => sql`
  SELECT p.id, p.brand, p.model, p.status::text AS status, p.stock::int AS stock,
         u.username AS owner, count(*) OVER ()::int AS total
    FROM products p
    LEFT JOIN users u ON u.id = p.owner_id
   WHERE p.stock <= ${threshold}
     AND p.status <> ${sqlText(REJECTED_PRODUCT_STATUS)}
     AND ${notTrashedSql('p')} ${ownedBy(scope)}
   ORDER BY p.stock, p.id
   LIMIT ${limit}`

export type ReviewRow = {
  id: number
  rating: number
  title: string | null
  status: string
  verified_purchase: boolean
  created_at: string
  product_id: number
  product: string
  author: string | null
}

/** The newest reviews (published and hidden), of the scope's products. */
export const newestReviewsSql = (scope: DashboardScope, limit: number): SQL => sql`
  SELECT r.id, r.rating::int AS rating, r.title, r.status::text AS status,
         coalesce(r.verified_purchase, false) AS verified_purchase, r.created_at,
         p.id AS product_id, p.brand || ' ' || p.model AS product, u.username AS author
    FROM reviews r
    JOIN products p ON p.id = r.product_id
    LEFT JOIN users u ON u.id = r.author_id
   WHERE TRUE ${ownedBy(scope)}
   ORDER BY r.created_at DESC, r.id DESC
   LIMIT ${limit}`

export type ReviewSummaryRow = { published: number; hidden: number; average: string | null }

/** How many reviews the scope's products have, and their published average rating. */
export const reviewSummarySql = (scope: DashboardScope): SQL => sql`
  SELECT count(*) FILTER (WHERE r.status = ${sqlText(PUBLISHED_REVIEW_STATUS)})::int AS published,
         count(*) FILTER (WHERE r.status <> ${sqlText(PUBLISHED_REVIEW_STATUS)})::int AS hidden,
         round(avg(r.rating) FILTER (WHERE r.status = ${sqlText(PUBLISHED_REVIEW_STATUS)}), 2)
           AS average
    FROM reviews r
    JOIN products p ON p.id = r.product_id
   WHERE TRUE ${ownedBy(scope)}`
