import type { Where } from 'payload'

import { or, type Rule } from './compose'
import { isAdminOrStaff } from './isAdminOrStaff'

/**
 * The signed-in user's own documents: those whose `field` (a relationship to users, or `id` for
 * the user's own account) names them. Anonymous requests get none.
 */
export const ownerBy =
  (field: string): Rule =>
  ({ req: { user } }) =>
    user ? { [field]: { equals: user.id } } : false

/** Admins and staff reach every document; other signed-in users those they own through `field`. */
export const staffOrOwnerBy = (field: string): Rule => or(isAdminOrStaff, ownerBy(field))

/** The documents in `status` (e.g. approved products, published reviews), for everybody. */
export const statusIs =
  (status: string): Rule =>
  (): Where => ({ status: { equals: status } })
