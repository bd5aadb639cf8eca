import { hasRole } from '../src/lib/roles'
import type { Predicate } from './compose'

/** Vendors (a session or an API token: the vendor role survives either). */
export const isVendor: Predicate = ({ req: { user } }) => hasRole(user, 'vendor')
