import type { CollectionBeforeChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import {
  adjustLines,
  linesOf,
  normalizeLines,
  orderTotal,
  releaseLines,
  sameQuantities,
} from '../src/lib/orderLines'
import { HOLDS_STOCK, type OrderStatus } from '../src/lib/orderWorkflow'
import { transactionSql } from '../src/lib/transactionSql'

/**
 * Stock and prices of an existing order, in the update's own transaction:
 * - cancel: returns the stock the order held;
 * - changed lines of a pending order: takes or returns the difference (all-or-nothing, 409 naming
 *   the product short of stock) and reprices the changed lines.
 * Prices, totals and currency sent by clients are always replaced by the stored ones.
 */
export const adjustOrderStock: CollectionBeforeChangeHook<Order> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'create' || !originalDoc) return data
  const run = await transactionSql(req)
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
