import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { SELF_SERVICE_ROLES } from '../../access/canChooseSignUpRoles'
import { isAdminUser } from '../../src/lib/roles'

/**
 * Second line behind the `roles` field access, for server code that runs with
 * `overrideAccess: true` on behalf of a user: a non-admin never changes roles, and signs up with
 * self-service roles only. Requests without a user (trusted server code) are left alone.
 */
export const ignoreRoleChangesByNonAdmins: CollectionBeforeChangeHook<User> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!req.user || isAdminUser(req.user)) return data
  if (operation === 'update') {
    if (originalDoc?.roles) data.roles = originalDoc.roles
    return data
  }
  const requested = data.roles ?? []
  const allowed = requested.filter((role) => SELF_SERVICE_ROLES.includes(role))
  data.roles = allowed.length > 0 ? allowed : ['customer']
  return data
}
