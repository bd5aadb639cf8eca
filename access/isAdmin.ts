import { isAdminUser } from '../src/lib/roles'
import type { Predicate } from './compose'

/** Admins (with a session, not an API token). */
export const isAdmin: Predicate = ({ req: { user } }) => isAdminUser(user)
