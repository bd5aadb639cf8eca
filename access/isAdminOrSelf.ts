import type { Access } from 'payload'

import { isAdminUser } from '../src/lib/roles'

/** Admins (with a session) manage every user; anyone else only themself. */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  return isAdminUser(user) || { id: { equals: user.id } }
}
