import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { PENDING_PRODUCT_STATUS } from '../../src/lib/statuses'
import { resubmitsForModeration } from '../../src/operations/productModeration'

/**
 * When the owning vendor changes the content of an approved or rejected product, it goes back to
 * `pending` for moderation (`resubmitsForModeration`). Runs after `recordProductModeration`.
 */
export const resubmitOnContentEdit: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc) return data
  if (resubmitsForModeration(req.user, data, originalDoc)) data.status = PENDING_PRODUCT_STATUS
  return data
}
