import { isStaffUser } from '../src/lib/roles'
import type { Predicate } from './compose'

/** Admins and staff (with a session, not an API token); also who may use the admin panel. */
export const isAdminOrStaff: Predicate = ({ req: { user } }) => isStaffUser(user)
