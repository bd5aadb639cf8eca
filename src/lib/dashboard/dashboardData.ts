import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { hasRole, isStaffUser } from '../roles'
import { ORDER_STATUSES, type OrderStatus } from '../statuses'
import type { SQL } from '../transactionSql'
import {
  dailySalesSql,
  type DailyRow,
  type DashboardScope,
  lowStockSql,
  type LowStockRow,
  moderationQueueSql,
  type ModerationRow,
  newestReviewsSql,
  ordersByStatusSql,
  type ReviewRow,
  reviewSummarySql,
  type ReviewSummaryRow,
  type StatusRow,
} from './dashboardSql'

export type { DashboardScope }

/** Days the sales chart covers. */
export const CHART_DAYS = 30
/** Rows each list on the dashboard shows (the whole count is shown beside it). */
export const LIST_LIMIT = 8
const DEFAULT_LOW_STOCK_THRESHOLD = 5

/** Products with this many units or fewer are low on stock (`LOW_STOCK_THRESHOLD`, default 5). */
export const lowStockThreshold = (): number => {
  const value = Number(process.env.LOW_STOCK_THRESHOLD)
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_LOW_STOCK_THRESHOLD
}

/**
 * Whose figures a user sees: admins and staff (with a session) the whole store, a vendor their own
 * products only, anyone else nothing (customers never reach the panel).
 */
export const dashboardScope = (user: Parameters<typeof hasRole>[0]): DashboardScope | null => {
  if (isStaffUser(user)) return { kind: 'store' }
  if (hasRole(user, 'vendor') && typeof user?.id === 'number') {
    return { kind: 'vendor', vendorId: user.id }
  }
  return null
}

export type DailySales = { day: string; orders: number; revenueCents: number }
export type StatusCount = { status: OrderStatus; orders: number; cents: number }
export type QueuedProduct = {
  id: number
  name: string
  status: string
  rejectionReason: string | null
  owner: string | null
  priceCents: number
  submittedAt: string
}
export type LowStockProduct = {
  id: number
  name: string
  status: string
  stock: number
  owner: string | null
}
export type RecentReview = {
  id: number
  rating: number
  title: string | null
  status: string
  verifiedPurchase: boolean
  createdAt: string
  productId: number
  product: string
  author: string | null
}

/** Everything the dashboard shows, for one scope. */
export type DashboardData = {
  scope: DashboardScope
  daily: DailySales[]
  totals: { orders: number; revenueCents: number }
  byStatus: StatusCount[]
  moderation: { total: number; products: QueuedProduct[] }
  lowStock: { threshold: number; total: number; products: LowStockProduct[] }
  reviews: {
    published: number
    hidden: number
    average: number | null
    newest: RecentReview[]
  }
}

const run = async <Row>(payload: Payload, query: SQL): Promise<Row[]> => {
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  return (await db.execute(query)).rows as Row[]
}

const toDate = (value: string | Date): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString()

/**
 * The dashboard's figures for `scope`, from six aggregate statements run side by side on the pool
 * (they only read). `now` fixes the chart's last day (tests pass one).
 */
export const loadDashboard = async (
  payload: Payload,
  scope: DashboardScope,
  { now = new Date(), threshold = lowStockThreshold() }: { now?: Date; threshold?: number } = {},
): Promise<DashboardData> => {
  const [daily, statuses, queue, low, newest, [summary]] = await Promise.all([
    run<DailyRow>(payload, dailySalesSql(scope, now, CHART_DAYS)),
    run<StatusRow>(payload, ordersByStatusSql(scope)),
    run<ModerationRow>(payload, moderationQueueSql(scope, LIST_LIMIT)),
    run<LowStockRow>(payload, lowStockSql(scope, threshold, LIST_LIMIT)),
    run<ReviewRow>(payload, newestReviewsSql(scope, LIST_LIMIT)),
    run<ReviewSummaryRow>(payload, reviewSummarySql(scope)),
  ])
  const days = daily.map((row) => ({
    day: row.day,
    orders: row.orders,
    revenueCents: Number(row.revenue_cents),
  }))
  const byStatus = new Map(statuses.map((row) => [row.status, row]))
  return {
    scope,
    daily: days,
    totals: {
      orders: days.reduce((sum, day) => sum + day.orders, 0),
      revenueCents: days.reduce((sum, day) => sum + day.revenueCents, 0),
    },
    byStatus: ORDER_STATUSES.map((status) => ({
      status,
      orders: byStatus.get(status)?.orders ?? 0,
      cents: Number(byStatus.get(status)?.cents ?? 0),
    })),
    moderation: {
      total: queue[0]?.total ?? 0,
      products: queue.map((row) => ({
        id: row.id,
        name: `${row.brand} ${row.model}`,
        status: row.status,
        rejectionReason: row.rejection_reason,
        owner: row.owner,
        priceCents: Number(row.price_cents),
        submittedAt: toDate(row.submitted_at),
      })),
    },
    lowStock: {
      threshold,
      total: low[0]?.total ?? 0,
      products: low.map((row) => ({
        id: row.id,
        name: `${row.brand} ${row.model}`,
        status: row.status,
        stock: row.stock,
        owner: row.owner,
      })),
    },
    reviews: {
      published: summary?.published ?? 0,
      hidden: summary?.hidden ?? 0,
      average:
        summary?.average === null || summary?.average === undefined
          ? null
          : Number(summary.average),
      newest: newest.map((row) => ({
        id: row.id,
        rating: row.rating,
        title: row.title,
        status: row.status,
        verifiedPurchase: row.verified_purchase,
        createdAt: toDate(row.created_at),
        productId: row.product_id,
        product: row.product,
        author: row.author,
      })),
    },
  }
}
