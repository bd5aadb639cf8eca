import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { cancelEmailChange } from '../../src/lib/auth/emailChange'
import type { RequestedEmailChange } from './holdOwnEmailChange'

/**
 * A password change, or an email set directly (an admin's support action), withdraws a pending
 * email change: otherwise someone who asked for it with a stolen password could still confirm it
 * after the owner has changed the password or support has fixed the address. A new change asked
 * for in the same write replaces the pending one instead (`holdOwnEmailChange`).
 */
export const cancelPendingEmailChange: CollectionBeforeChangeHook<User> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc?.pendingEmail) return data
  const requested = req.context.requestedEmailChange as RequestedEmailChange | undefined
  if (requested?.userId === originalDoc.id) return data
  const passwordChanged = typeof (data as { password?: unknown }).password === 'string'
  const emailChanged =
    typeof data.email === 'string' && data.email.trim().toLowerCase() !== originalDoc.email
  if (!passwordChanged && !emailChanged) return data
  await cancelEmailChange(req, originalDoc.id, { keepField: true })
  return { ...data, pendingEmail: null }
}
