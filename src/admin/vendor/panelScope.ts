import type { BaseFilter, ClientUser } from 'payload'

import { isStaffUser } from '../../lib/roles'

/**
 * `admin.hidden` of the collections only staff run (users, categories, reviews, orders): gone from
 * a vendor's nav and routes. It hides, it does not protect: each collection's access rules refuse
 * the same things through REST and GraphQL.
 */
export const hiddenFromVendors = ({ user }: { user: ClientUser }): boolean =>
  // Payload calls it on the server with `req.user` (typed loosely as the client's user).
  !isStaffUser(user as Parameters<typeof isStaffUser>[0])

/**
 * `admin.baseFilter` of the collections a vendor manages in the panel (products, media): a vendor's
 * lists and pickers show only the documents that `field` says are theirs. Listed products and media
 * files stay public (the storefront shows them), so this narrows a view, it is not an access rule.
 */
export const ownedInPanel =
  (field: string): BaseFilter =>
  ({ req: { user } }) =>
    !user || isStaffUser(user) ? null : { [field]: { equals: user.id } }
