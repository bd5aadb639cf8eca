import type { FieldAccess } from 'payload'

import type { User } from '@/payload-types'
import { isAdminUser, type Role } from '../src/lib/roles'

/** Roles anyone may pick for a new account; `admin` and `staff` are granted by admins only. */
export const SELF_SERVICE_ROLES: Role[] = ['customer', 'vendor']

/**
 * Field-level create access for `roles`: admins set any roles; everybody else (public sign-up)
 * may choose customer and/or vendor. A request for more is dropped, so the default applies.
 */
export const canChooseSignUpRoles: FieldAccess<User> = ({ req: { user }, siblingData }) => {
  if (isAdminUser(user)) return true
  const requested: unknown = siblingData?.roles
  if (requested === undefined || requested === null) return true
  return (
    Array.isArray(requested) &&
    requested.length > 0 &&
    requested.every((role) => SELF_SERVICE_ROLES.includes(role as Role))
  )
}
