import type { PayloadRequest } from 'payload'

import { lockOrder } from '../lib/orderLock'
import { CANCELLED_ORDER_STATUS, NEW_ORDER_STATUS } from '../lib/statuses'
import { transactionSql } from '../lib/transactionSql'
import { withTransaction } from '../lib/withTransaction'

/** How many expired orders one run cancels; the next run takes the rest. */
const BATCH = 100

/**
 * Cancels one order left unpaid past its time, in a transaction of its own: under the order's
 * row lock, and only if it is still pending, it makes the same update as a customer's cancel (the
 * order process, `changeOrder`, returns its stock). A customer paying or cancelling at the same
 * moment either goes first (then this finds the order paid or cancelled and does nothing) or
 * waits for this to commit (and finds it cancelled). Resolves whether it cancelled the order.
 */
export const cancelExpiredOrder = async (req: PayloadRequest, id: number): Promise<boolean> =>
  withTransaction(req, async () => {
    const locked = await lockOrder(await transactionSql(req), id)
    if (locked?.status !== NEW_ORDER_STATUS) return false
    await req.payload.update({
      collection: 'orders',
      id,
      data: { status: CANCELLED_ORDER_STATUS },
      depth: 0,
      select: { status: true },
      overrideAccess: true,
      req,
    })
    return true
  })

/**
 * The `cancelExpiredOrders` job: cancels the orders placed more than `ttlMs` ago that are still
 * pending (oldest first, up to a batch per run), each on its own (`cancelExpiredOrder`), so one
 * that fails (a conflict, say) leaves the others cancelled; it is tried again on the next run.
 * Resolves with how many it cancelled.
 */
export const cancelExpiredOrders = async (req: PayloadRequest, ttlMs: number): Promise<number> => {
  const placedBefore = new Date(Date.now() - ttlMs).toISOString()
  const { docs } = await req.payload.find({
    collection: 'orders',
    where: {
      and: [{ status: { equals: NEW_ORDER_STATUS } }, { createdAt: { less_than: placedBefore } }],
    },
    select: { status: true },
    sort: 'createdAt',
    depth: 0,
    limit: BATCH,
    pagination: false,
    overrideAccess: true,
    req,
  })
  let cancelled = 0
  for (const { id } of docs) {
    try {
      if (await cancelExpiredOrder(req, id)) cancelled += 1
    } catch (error) {
      req.payload.logger.error({ err: error, order: id }, 'could not cancel an expired order')
    }
  }
  return cancelled
}
