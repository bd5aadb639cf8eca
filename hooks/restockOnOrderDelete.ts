import { APIError, type CollectionBeforeDeleteHook, NotFound } from 'payload'

import { linesOf, releaseLines } from '../src/lib/orderLines'
import { lockOrder } from '../src/lib/orderLock'
import { HOLDS_STOCK, type OrderStatus } from '../src/lib/orderWorkflow'
import { isStaffUser } from '../src/lib/roles'
import { transactionSql } from '../src/lib/transactionSql'

/**
 * Deleting an order: a customer may delete their own order while it is pending or cancelled
 * (409 otherwise); admin/staff may delete any. An order that still holds stock (pending, paid)
 * gives it back; a shipped or delivered order never does, a cancelled one already has. The order
 * is locked and read under the lock (a delete by `where` reads its documents before), so parallel
 * deletes and cancels return its stock once; an order already gone is 404.
 */
export const restockOnOrderDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const run = await transactionSql(req)
  if (!(await lockOrder(run, Number(id)))) throw new NotFound(req.t)
  const order = await req.payload.findByID({
    collection: 'orders',
    id,
    depth: 0,
    overrideAccess: true,
    select: { status: true, items: true },
    req,
  })
  const status = order.status as OrderStatus
  if (req.user && !isStaffUser(req.user) && !['pending', 'cancelled'].includes(status)) {
    throw new APIError(`A ${status} order cannot be deleted by its customer`, 409)
  }
  if (HOLDS_STOCK.includes(status)) {
    await releaseLines(run, linesOf(order.items))
  }
}
