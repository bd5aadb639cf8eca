import type { CollectionAfterChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { takePlacedOrderStock } from '../../src/operations/orders'

/**
 * Takes a new order's stock (`takePlacedOrderStock`), after the insert and the response's read:
 * the product rows it locks stay locked until the commit, so it runs last. It passes the lines
 * from `data` (what was priced and stored), not from `doc`, which a caller's `select` may trim.
 */
export const takeOrderStock: CollectionAfterChangeHook<Order> = async ({
  data,
  doc,
  operation,
  req,
}) => {
  if (operation === 'create') await takePlacedOrderStock(data.items, req)
  return doc
}
