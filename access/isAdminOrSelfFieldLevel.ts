import type { FieldAccess } from 'payload'

import { isAdminUser } from '../src/lib/roles'

/** A user's most private fields (a pending email change) are read by that user and admins only. */
export const isAdminOrSelfFieldLevel: FieldAccess = ({ req: { user }, doc, id }) => {
  if (!user) return false
  if (isAdminUser(user)) return true
  const documentId = doc?.id ?? id
  return documentId !== undefined && String(documentId) === String(user.id)
}
