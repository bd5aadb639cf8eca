import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { isAdminUser } from '../../src/lib/roles'

/**
 * A product belongs to the user who creates it; only admins choose or change the owner. Trusted
 * server code without a user keeps the owner it passes.
 */
export const assignProductOwner: CollectionBeforeChangeHook<Product> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!req.user) return data
  if (operation === 'create') {
    if (!isAdminUser(req.user) || data.owner === undefined || data.owner === null) {
      data.owner = req.user.id
    }
  } else if (!isAdminUser(req.user) && originalDoc) {
    data.owner = originalDoc.owner
  }
  return data
}
