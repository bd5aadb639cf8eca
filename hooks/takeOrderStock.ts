import type { CollectionAfterChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { linesOf, takeLinesStock } from '../src/lib/orderLines'
import { transactionSql } from '../src/lib/transactionSql'

/**
 * Takes a new order's stock: one guarded UPDATE per line, at the prices `priceOrderLines` gave
 * it; short of stock or repriced meanwhile → 409, and the whole order rolls back.
 *
 * Why here, after the insert and the response's read, instead of before: each UPDATE locks its
 * product row until the transaction commits, so orders for the same product queue behind it.
 * As the last step before the commit, the lock covers the commit only, not the insert, the
 * read-back and its population. It reads the lines from `data` (what was priced and stored), not
 * from `doc`, which a caller's `select` may have trimmed.
 */
export const takeOrderStock: CollectionAfterChangeHook<Order> = async ({
  data,
  doc,
  operation,
  req,
}) => {
  if (operation !== 'create') return doc
  await takeLinesStock(await transactionSql(req), linesOf(data.items))
  return doc
}
