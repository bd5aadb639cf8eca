import type { Access, Where } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** Everyone reads published reviews; authors also their own hidden ones; admin/staff all. */
export const canReadReviews: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  const published: Where = { status: { equals: 'published' } }
  if (!user) return published
  return { or: [published, { author: { equals: user.id } }] }
}
