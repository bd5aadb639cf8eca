import { hasRole, viaApiToken } from '../src/lib/roles'
import type { Predicate } from './compose'

/**
 * Who may use the admin panel: admins, staff and vendors, signed in with a session. Customers
 * never, and a request made with an API token never (not even a vendor's or an admin's). What each
 * of them sees there is decided by the collections' own access rules.
 */
export const canUseAdminPanel: Predicate = ({ req: { user } }) =>
  !viaApiToken(user) && hasRole(user, 'admin', 'staff', 'vendor')
