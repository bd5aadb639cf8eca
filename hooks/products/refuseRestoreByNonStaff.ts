import { APIError, type CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { isStaffUser } from '../../src/lib/roles'

/**
 * Only admins and staff take a product out of the trash: staff may have trashed it (a policy
 * breach), and a restored product comes back with its status, approved and orderable. A vendor
 * who trashed their own product asks staff to restore it. Trusted server code (no user) may.
 */
export const refuseRestoreByNonStaff: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req: { user },
}) => {
  const restoring = operation === 'update' && Boolean(originalDoc?.deletedAt) && !data.deletedAt
  if (restoring && user && !isStaffUser(user)) {
    throw new APIError('Only staff can restore a product from the trash', 403)
  }
  return data
}
