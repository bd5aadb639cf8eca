import type { Access } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** Admin and staff (with a session) see every user; anyone else only themself. */
export const isAdminOrStaffOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  return isStaffUser(user) || { id: { equals: user.id } }
}
