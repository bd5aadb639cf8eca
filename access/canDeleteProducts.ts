import type { Access } from 'payload'

import { isAdminUser } from '../src/lib/roles'
import { canUpdateProducts } from './canUpdateProducts'

/**
 * Products are soft-deleted: moving one to the trash (an update that sets `deletedAt`) is for its
 * vendor and admins/staff. Deleting for good would break order history, so only admins may.
 */
export const canDeleteProducts: Access = (args) => {
  const isTrashAttempt = Boolean((args.data as { deletedAt?: unknown } | undefined)?.deletedAt)
  if (isTrashAttempt) return canUpdateProducts(args)
  return isAdminUser(args.req.user)
}
