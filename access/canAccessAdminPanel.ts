import type { PayloadRequest } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** The admin panel is for admins and staff (vendors and customers use the API). */
export const canAccessAdminPanel = ({ req: { user } }: { req: PayloadRequest }): boolean =>
  isStaffUser(user)
