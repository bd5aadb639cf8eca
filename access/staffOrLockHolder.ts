import { and, or } from './compose'
import { canUseAdminPanel } from './canUseAdminPanel'
import { isAdminOrStaff } from './isAdminOrStaff'

/**
 * Admins and staff reach every document lock; other users of the admin panel (vendors) the locks
 * they hold. Nobody else reaches any.
 */
export const staffOrLockHolder = or(
  isAdminOrStaff,
  and(canUseAdminPanel, ({ req: { user } }) =>
    user ? { 'user.value': { equals: user.id } } : false,
  ),
)
