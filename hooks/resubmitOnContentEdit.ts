import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { relationId, relationIds } from '../src/lib/relationId'
import { isStaffUser } from '../src/lib/roles'

/** Fields whose edit by a vendor needs a new review; price, discount and stock do not. */
export const REVIEWED_CONTENT_FIELDS = [
  'brand',
  'model',
  'description',
  'category',
  'images',
  'video',
] as const

const comparable = (field: (typeof REVIEWED_CONTENT_FIELDS)[number], value: unknown): string => {
  if (field === 'category' || field === 'video') return JSON.stringify(relationId(value))
  if (field === 'images') return JSON.stringify(relationIds(value).map(String))
  return JSON.stringify(value ?? null)
}

/**
 * When a non-staff user (the owning vendor) changes the content of an approved or rejected
 * product, it goes back to `pending` for a new review. Runs after `recordProductReview`.
 */
export const resubmitOnContentEdit: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc || !req.user || isStaffUser(req.user)) return data
  if (originalDoc.status === 'pending') return data
  const changed = REVIEWED_CONTENT_FIELDS.some(
    (field) =>
      field in data &&
      data[field] !== undefined &&
      comparable(field, data[field]) !== comparable(field, originalDoc[field]),
  )
  if (changed) data.status = 'pending'
  return data
}
