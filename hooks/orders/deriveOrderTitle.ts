import type { CollectionAfterChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { storeOrderTitle } from '../../src/lib/orderTitles'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * Derives the order's title (`#123 · carol · €1,877.15`, `src/lib/orderTitle.ts`) after the
 * write, in its transaction: a new order's id is known only once it is inserted. One statement
 * (`storeOrderTitle`: the customer's username is read by the UPDATE itself). An update rewrites it
 * only when the total or currency changed (the customer never does; a username change is
 * `hooks/users/refreshCustomerOrderTitles`). `data` holds the total and currency the order process
 * stored, whatever `select` trimmed from `doc`.
 */
export const deriveOrderTitle: CollectionAfterChangeHook<Order> = async ({
  data,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const unchanged =
    operation === 'update' &&
    previousDoc?.title &&
    previousDoc.total === data.total &&
    previousDoc.currency === data.currency
  if (unchanged) return doc
  const title = await storeOrderTitle(await transactionSql(req), {
    id: doc.id,
    total: data.total,
    currency: data.currency,
  })
  return title && 'title' in doc ? { ...doc, title } : doc
}
