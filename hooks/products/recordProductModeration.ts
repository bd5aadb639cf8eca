import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { PENDING_PRODUCT_STATUS } from '../../src/lib/statuses'
import {
  assertModerationMove,
  changeModeration,
  requestedMove,
  submitProduct,
} from '../../src/operations/productModeration'

/**
 * Status is moderation, in every API (REST, GraphQL, admin UI, Local API): a new product is
 * submitted, and an update's status change is validated and recorded as a moderator's decision
 * (illegal → 409, rejection without a reason → 400). Anyone else's attempt, and direct writes to
 * the moderation record, are ignored. A move asked for by `moderateProduct` is checked again
 * here, on the row as this write locked it (a concurrent decision may have made it illegal). The
 * rules are in `src/operations/productModeration.ts`.
 */
export const recordProductModeration: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation === 'create') return Object.assign(data, submitProduct(req.user, data))
  if (!originalDoc) return data
  const requested = requestedMove(req.context, originalDoc.id)
  if (requested && requested !== PENDING_PRODUCT_STATUS) {
    assertModerationMove(originalDoc.status, requested, data.rejectionReason)
  }
  return Object.assign(data, changeModeration(req.user, data, originalDoc))
}
