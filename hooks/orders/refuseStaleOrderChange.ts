import { APIError, type CollectionBeforeChangeHook, NotFound } from 'payload'

import type { Order } from '@/payload-types'
import { lockOrder } from '../../src/lib/orderLock'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * First step of every order update: locks the row (`lockDocumentForWrite` already holds it for
 * updates by id) and checks that the `originalDoc` Payload read is still the stored order. Updates
 * by id lock before that read, so they always pass; an update by `where` reads its documents
 * first, and one whose order another request changed or deleted meanwhile answers 409 or 404
 * instead of acting on the old status and lines (returning stock twice, say).
 */
export const refuseStaleOrderChange: CollectionBeforeChangeHook<Order> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc) return data
  const locked = await lockOrder(await transactionSql(req), originalDoc.id)
  if (!locked) throw new NotFound(req.t)
  if (
    locked.status !== originalDoc.status ||
    locked.updatedAt !== Date.parse(originalDoc.updatedAt)
  ) {
    throw new APIError(
      `Order ${originalDoc.id} was changed by another request meanwhile; nothing was changed, ` +
        'please try again',
      409,
    )
  }
  return data
}
