import type { CollectionBeforeChangeHook } from 'payload'

import type { Order } from '@/payload-types'
import { changeOrder, placeOrder } from '../../src/operations/orders'

/**
 * The order process on every write (see src/operations/orders.ts): a new order is placed
 * (customer, status, prices; its stock is taken by `takeOrderStock`), an existing one is changed
 * (status moves, line edits and their stock).
 */
export const runOrderChange: CollectionBeforeChangeHook<Order> = ({
  data,
  operation,
  originalDoc,
  req,
}) =>
  operation === 'create' || !originalDoc
    ? placeOrder(data, req)
    : changeOrder(data, originalDoc, req)
