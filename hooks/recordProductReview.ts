import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { assertReviewTransition, reviewRecord } from '../src/lib/productReview'
import { isStaffUser } from '../src/lib/roles'

/**
 * Status is moderation: only admins and staff change it, in every API (REST, GraphQL, admin UI,
 * Local API). A status change by staff is validated (illegal → 409, rejection without reason →
 * 400) and records who and when; anyone else's attempt is ignored, as are direct writes to the
 * review record. Vendors create pending products; admin/staff-created ones are approved.
 */
export const recordProductReview: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const staff = isStaffUser(req.user)
  const actingForNonStaff = Boolean(req.user) && !staff

  if (operation === 'create') {
    if (actingForNonStaff) {
      Object.assign(data, {
        status: 'pending',
        reviewedBy: null,
        reviewedAt: null,
        rejectionReason: null,
      })
      return data
    }
    const status = data.status ?? (staff ? 'approved' : 'pending')
    if (status === 'pending') {
      Object.assign(data, { status, reviewedBy: null, reviewedAt: null, rejectionReason: null })
    } else {
      assertReviewTransition('pending', status, data.rejectionReason)
      Object.assign(data, reviewRecord(req, status, data.rejectionReason))
    }
    return data
  }

  if (!originalDoc) return data
  const from = originalDoc.status
  const to = data.status ?? from
  if (actingForNonStaff || to === from) {
    // No moderation decision here: the stored review record stays as it is.
    Object.assign(data, {
      status: from,
      reviewedBy: originalDoc.reviewedBy ?? null,
      reviewedAt: originalDoc.reviewedAt ?? null,
      rejectionReason: originalDoc.rejectionReason ?? null,
    })
    return data
  }
  assertReviewTransition(from, to, data.rejectionReason)
  Object.assign(data, reviewRecord(req, to, data.rejectionReason))
  return data
}
