import type { Access } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** Admins and staff manage every file; other signed-in users only the files they uploaded. */
export const isUploaderOrStaff: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isStaffUser(user)) return true
  return { uploadedBy: { equals: user.id } }
}
