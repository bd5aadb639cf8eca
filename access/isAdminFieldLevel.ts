import type { FieldAccess } from 'payload'

import { isAdminUser } from '../src/lib/roles'

export const isAdminFieldLevel: FieldAccess = ({ req: { user } }) => isAdminUser(user)
