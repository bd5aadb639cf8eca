import { and, or } from './compose'
import { ownerBy } from './factories'
import { isAdminOrStaff } from './isAdminOrStaff'
import { isVendor } from './isVendor'

/** Admins and staff change any product; a vendor only the products they own (a Where). */
export const canUpdateProducts = or(isAdminOrStaff, and(isVendor, ownerBy('owner')))
