import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { PENDING_PRODUCT_STATUS } from '../../src/lib/statuses'
import {
  assertResubmission,
  requestedMove,
  resubmitsForModeration,
} from '../../src/operations/productModeration'

/**
 * Sends a product back to `pending` for moderation when its vendor changes the content of an
 * approved or rejected product (`resubmitsForModeration`), or resubmits it (`resubmitProduct`,
 * checked again here on the locked row). Runs after `recordProductModeration`.
 */
export const resubmitOnContentEdit: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc) return data
  if (requestedMove(req.context, originalDoc.id) === PENDING_PRODUCT_STATUS) {
    assertResubmission(req.user, originalDoc)
    data.status = PENDING_PRODUCT_STATUS
  } else if (resubmitsForModeration(req.user, data, originalDoc)) {
    data.status = PENDING_PRODUCT_STATUS
  }
  return data
}
