import type { Access } from 'payload'

import { isAdminUser } from '../src/lib/roles'

export const isAdmin: Access = ({ req: { user } }) => isAdminUser(user)
