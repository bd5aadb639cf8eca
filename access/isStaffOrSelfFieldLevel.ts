import type { FieldAccess } from 'payload'

import { isStaffUser } from '../src/lib/roles'

/** A user's private fields (email, roles) are read by that user and by admins and staff only. */
export const isStaffOrSelfFieldLevel: FieldAccess = ({ req: { user }, doc, id }) => {
  if (!user) return false
  if (isStaffUser(user)) return true
  const documentId = doc?.id ?? id
  return documentId !== undefined && String(documentId) === String(user.id)
}
