import type { FieldAccess } from 'payload'

import { isStaffUser } from '../src/lib/roles'

export const isAdminOrStaffFieldLevel: FieldAccess = ({ req: { user } }) => isStaffUser(user)
