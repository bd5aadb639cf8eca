import type { Access, Where } from 'payload'

import { isStaffUser } from '../src/lib/roles'
import { canUseAdminPanel } from './canUseAdminPanel'

/**
 * Read access to the admin panel's document locks (`payload-locked-documents`). Admins and staff
 * read every lock. Vendors (the panel's other users) read the locks they hold and the locks on the
 * products they own (so their edit view says when staff are editing their product), never the
 * locks on other documents (which would tell who edits what). Everybody else is refused.
 */
export const canReadLocks: Access = async ({ req }) => {
  const { user } = req
  if (!user || !canUseAdminPanel({ req })) return false
  if (isStaffUser(user)) return true
  const own = await req.payload.find({
    collection: 'products',
    where: { owner: { equals: user.id } },
    select: {},
    depth: 0,
    pagination: false,
    trash: true,
    req,
  })
  const heldBySelf: Where = { 'user.value': { equals: user.id } }
  if (own.docs.length === 0) return heldBySelf
  return {
    or: [
      heldBySelf,
      {
        and: [
          { 'document.relationTo': { equals: 'products' } },
          { 'document.value': { in: own.docs.map((product) => product.id) } },
        ],
      },
    ],
  }
}
