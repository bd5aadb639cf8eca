import type { Access } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** Admin/staff act on any review; a signed-in user on the reviews they wrote. */
export const isReviewAuthorOrStaff: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (!user) return false
  return { author: { equals: user.id } }
}
