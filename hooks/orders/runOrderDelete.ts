import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteOrder } from '../../src/operations/orders'

/**
 * The order process on a delete (see src/operations/orders.ts): who may delete the order in
 * its status, and the stock it still holds returned, before Payload deletes it.
 */
export const runOrderDelete: CollectionBeforeDeleteHook = ({ id, req }) => deleteOrder(id, req)
