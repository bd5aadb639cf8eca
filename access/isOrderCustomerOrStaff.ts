import type { Access } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/**
 * Admin/staff reach every order; a signed-in user only their own (a Where, so another customer's
 * order is simply not found: 404).
 */
export const isOrderCustomerOrStaff: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (!user) return false
  return { customer: { equals: user.id } }
}
