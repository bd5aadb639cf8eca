import type { Access } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** Admins and staff see every user (list, search); anyone else only their own account. */
export const isStaffOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isStaffUser(user)) return true
  return { id: { equals: user.id } }
}
