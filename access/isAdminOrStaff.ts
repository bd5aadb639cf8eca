import type { Access } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** Admins and staff (with a session, not an API token). */
export const isAdminOrStaff: Access = ({ req: { user } }) => isStaffUser(user)
