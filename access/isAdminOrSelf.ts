import type { Access } from 'payload'

import { isAdminUser } from '../src/lib/roles'

/** Admins act on every user; anyone else only on their own account (a Where on `id`). */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isAdminUser(user)) return true
  return { id: { equals: user.id } }
}
