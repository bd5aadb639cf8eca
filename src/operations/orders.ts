import { APIError, NotFound, type PayloadRequest } from 'payload'

import type { Order } from '@/payload-types'
import {
  adjustLines,
  linesOf,
  normalizeLines,
  priceLines,
  releaseLines,
  takeLinesStock,
} from '../lib/orderLines'
import { orderTotal, storeCurrency } from '../lib/money'
import { lockOrder } from '../lib/orderLock'
import { relationId } from '../lib/relationId'
import { isStaffUser } from '../lib/roles'
import { parseShippingAddress, sameAddress } from '../lib/shippingAddress'
import { transactionSql } from '../lib/transactionSql'
import { NEW_ORDER_STATUS, type OrderStatus } from '../lib/statuses'
import {
  deleteRefusal,
  findTransition,
  holdsStock,
  isOpen,
  lineChangeRefusal,
  linesChanged,
  orderActor,
  type Refusal,
} from './orderTransitions'

/**
 * The order process: placing, changing (status moves, cancelling, line edits) and deleting an
 * order, each read top to bottom. The rules of the lifecycle are the table in `./orderTransitions`;
 * the hooks in `collections/Orders.ts` only call these, inside Payload's own transaction (every
 * stock change is one guarded UPDATE in `productStock`, never read-then-write).
 *
 * Every change of one order is serialised on its row lock before any of this runs
 * (`lockDocumentForWrite`, `refuseStaleOrderChange`; a delete locks here).
 */

/** A refusal from the table as the error its client gets. */
const apiError = ({ message, status }: Refusal) => new APIError(message, status)

const refuse = (refusal: Refusal | undefined): void => {
  if (refusal) throw apiError(refusal)
}

type TimelineEntry = NonNullable<Order['statusHistory']>[number]

/**
 * One entry of an order's status timeline: when, who (the request's user; none for the system
 * itself, a seed or a job) and the move (`from` is null for the placement).
 */
const timelineEntry = (
  req: PayloadRequest,
  from: OrderStatus | null,
  to: OrderStatus,
): TimelineEntry => ({ at: new Date().toISOString(), by: req.user?.id ?? null, from, to })

/**
 * Placing an order, before it is inserted (`data` becomes the stored order):
 * 1. it belongs to whoever places it; admin/staff may place one for a named customer;
 * 2. it starts `pending`, whatever status the client sent, and its status timeline with that;
 * 3. its lines, total and currency are priced by the server from the products as they are now
 *    (integer cents; client prices and totals are replaced; 400 for a product that does not
 *    exist or is not orderable).
 * The stock is taken after the insert, by `takePlacedOrderStock`, at these prices.
 */
export const placeOrder = async (data: Partial<Order>, req: PayloadRequest) => {
  const requested = relationId(data.customer)
  if (req.user) {
    data.customer = isStaffUser(req.user) && requested !== undefined ? requested : req.user.id
  } else if (requested === undefined) {
    throw new APIError('An order needs a customer', 400)
  }

  data.status = NEW_ORDER_STATUS
  data.statusHistory = [timelineEntry(req, null, NEW_ORDER_STATUS)]

  const items = await priceLines(await transactionSql(req), normalizeLines(data.items))
  data.items = items
  data.total = orderTotal(items)
  data.currency = storeCurrency()
  return data
}

/**
 * Placing an order, last step before the commit: takes its stock, one guarded UPDATE per line at
 * the price `placeOrder` gave it; short of stock or repriced meanwhile → 409 naming the product,
 * and the whole order rolls back. Each UPDATE locks its product row until the commit, so it runs
 * last (after the insert and the response's read-back) to hold those locks as briefly as possible.
 * `items` are the lines as priced and stored (not the response's, which a `select` may trim).
 */
export const takePlacedOrderStock = async (items: unknown, req: PayloadRequest) => {
  await takeLinesStock(await transactionSql(req), linesOf(items))
}

/**
 * Changing an order (`data` is the update, `stored` the order under its lock). Cancelling is
 * one such change: the move to `cancelled` (legal from pending or paid, by its customer only while
 * pending), which returns the stock the order held.
 * 1. the customer never changes, whatever a client sends;
 * 2. a status move must be in the transition table and allowed to whoever makes it;
 * 3. lines change only while the order is pending (and stays so); a customer's address and notes
 *    too (staff may still correct them);
 * 4. the stock: a cancel returns what the order held (and ignores the lines sent); changed lines
 *    of a pending order take or return the difference (all-or-nothing, 409 naming the product
 *    short of stock); units already ordered keep their price, added units cost the price now.
 * 5. a status move is appended to the order's status timeline, in this transaction.
 * Prices, totals, currency and the timeline sent by clients are always replaced by the stored or
 * repriced ones.
 */
export const changeOrder = async (data: Partial<Order>, stored: Order, req: PayloadRequest) => {
  data.customer = relationId(stored.customer)!

  const from = stored.status as OrderStatus
  const to = (data.status ?? from) as OrderStatus
  const actor = orderActor(req.user)
  let stock: 'keep' | 'release' = 'keep'
  if (to !== from) {
    const found = findTransition(from, to, actor)
    if ('refusal' in found) throw apiError(found.refusal)
    stock = found.move.stock
  }

  const previous = linesOf(stored.items)
  const requested = data.items === undefined ? undefined : normalizeLines(data.items)
  const changedLines = linesChanged(requested, previous)
  if (changedLines) refuse(lineChangeRefusal(from, to))
  if (actor === 'customer' && !isOpen(from)) refuse(customerEditRefusal(data, stored))

  const run = await transactionSql(req)
  data.items = stored.items
  data.total = stored.total
  data.currency = stored.currency
  data.statusHistory =
    to === from
      ? stored.statusHistory
      : [...(stored.statusHistory ?? []), timelineEntry(req, from, to)]
  if (stock === 'release') {
    await releaseLines(run, previous)
  } else if (changedLines && requested) {
    const items = await adjustLines(run, previous, requested)
    data.items = items
    data.total = orderTotal(items)
  }
  return data
}

/** Why a customer's change of a closed order's address or notes is refused, if it changes them. */
const customerEditRefusal = (data: Partial<Order>, stored: Order): Refusal | undefined => {
  const addressChanged =
    data.shippingAddress !== undefined &&
    !sameAddress(
      parseShippingAddress(data.shippingAddress),
      stored.shippingAddress ? parseShippingAddress(stored.shippingAddress) : null,
    )
  const notesChanged = data.notes !== undefined && (data.notes ?? '') !== (stored.notes ?? '')
  return addressChanged || notesChanged
    ? { status: 409, message: 'An order can only be changed while it is pending' }
    : undefined
}

/**
 * Deleting an order, before Payload deletes it: locks and reads it under the lock (a delete by
 * `where` reads its documents before), so parallel deletes and cancels return its stock once; an
 * order already gone is 404. A customer may delete their own order while it is pending or
 * cancelled (409 otherwise); staff may delete any. An order that still holds stock (pending,
 * paid) gives it back; a shipped or delivered order never does, a cancelled one already has.
 */
export const deleteOrder = async (id: number | string, req: PayloadRequest) => {
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

  refuse(deleteRefusal(status, orderActor(req.user)))

  if (holdsStock(status)) await releaseLines(run, linesOf(order.items))
}
