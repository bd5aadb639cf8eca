import type { CollectionBeforeChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import {
  adjustLines,
  linesOf,
  normalizeLines,
  orderTotal,
  placeLines,
  releaseLines,
  sameQuantities,
} from '../src/lib/orderLines'
import { HOLDS_STOCK, type OrderStatus } from '../src/lib/orderWorkflow'
import { transactionSql } from '../src/lib/transactionSql'

/** The currency every order is priced in. */
export const storeCurrency = (): string => process.env.STORE_CURRENCY ?? 'EUR'

/**
 * Stock and prices, in the order's own transaction:
 * - create: takes each line's quantity (all-or-nothing, 409 naming the product short of stock) and
 *   prices lines and total from the products now, in integer cents;
 * - cancel: returns the stock the order held;
 * - changed lines of a pending order: takes or returns the difference, same guarantees.
 * Prices, totals and currency sent by clients are always replaced.
 */
export const reserveOrderStock: CollectionBeforeChangeHook<Order> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const run = await transactionSql(req)
  if (operation === 'create' || !originalDoc) {
    const items = await placeLines(run, normalizeLines(data.items))
    data.items = items
    data.total = orderTotal(items)
    data.currency = storeCurrency()
    return data
  }
  const from = originalDoc.status as OrderStatus
  const to = (data.status ?? from) as OrderStatus
  const previous = linesOf(originalDoc.items)
  const requested = data.items
  data.items = originalDoc.items
  data.total = originalDoc.total
  data.currency = originalDoc.currency
  if (to === 'cancelled' && from !== 'cancelled') {
    if (HOLDS_STOCK.includes(from)) await releaseLines(run, previous)
    return data
  }
  if (requested !== undefined) {
    const next = normalizeLines(requested)
    if (!sameQuantities(previous, next)) {
      const items = await adjustLines(run, previous, next)
      data.items = items
      data.total = orderTotal(items)
    }
  }
  return data
}
