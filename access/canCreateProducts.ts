import type { Access } from 'payload'

import { hasRole } from '../src/lib/roles'

/** Vendors list products; admins and staff may too. Customers and anonymous users cannot. */
export const canCreateProducts: Access = ({ req: { user } }) =>
  hasRole(user, 'vendor', 'staff', 'admin')
