import type { CollectionBeforeChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { normalizeLines, orderTotal, priceLines } from '../src/lib/orderLines'
import { transactionSql } from '../src/lib/transactionSql'

/** The currency every order is priced in. */
export const storeCurrency = (): string => process.env.STORE_CURRENCY ?? 'EUR'

/**
 * A new order's lines, total and currency, priced by the server from the products as they are
 * now (integer cents); whatever prices or totals the client sent are replaced. Products that do
 * not exist or are not orderable answer 400. The stock is taken later, by `takeOrderStock`, at
 * these prices.
 */
export const priceOrderLines: CollectionBeforeChangeHook<Order> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'create' && originalDoc) return data
  const items = await priceLines(await transactionSql(req), normalizeLines(data.items))
  data.items = items
  data.total = orderTotal(items)
  data.currency = storeCurrency()
  return data
}
