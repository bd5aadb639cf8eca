import type { Access } from 'payload'

import { hasRole, isStaffUser } from '../src/lib/roles'

/** Admins and staff change any product; a vendor only the products they own (a Where). */
export const isOwnerOrStaff: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (user && hasRole(user, 'vendor')) return { owner: { equals: user.id } }
  return false
}
