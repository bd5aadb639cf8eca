import type { Access, Where } from 'payload'

import { hasRole, isStaffUser } from '../src/lib/roles'

/**
 * Admins and staff read every product; vendors read approved products and their own in any
 * status; everyone else (anonymous, customers) reads approved products only.
 */
export const canReadProducts: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  const approved: Where = { status: { equals: 'approved' } }
  if (user && hasRole(user, 'vendor')) {
    return { or: [approved, { owner: { equals: user.id } }] }
  }
  return approved
}
