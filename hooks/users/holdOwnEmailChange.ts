import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'
import { email as validateEmail } from 'payload/shared'

import type { User } from '@/payload-types'

/** What `queueEmailChangeConfirmation` needs after the write: whose change, to which address. */
export type RequestedEmailChange = { userId: number; email: string }

const isValidEmail = (value: string, req: PayloadRequest): boolean =>
  validateEmail(value, {
    req,
    required: true,
    siblingData: {},
  } as unknown as Parameters<typeof validateEmail>[1]) === true

/**
 * A user changing their own email does not change it: the new address is kept as `pendingEmail`
 * until it confirms the change (see `queueEmailChangeConfirmation`, `confirmEmailChange`), so a
 * hijacked session cannot move the account to an address its owner never controlled, and sign-in
 * keeps the old address meanwhile. Whether the address is taken is not checked here (that would
 * tell). An invalid address is left to the email field's own validation (400 on `email`). Admins
 * changing another user's email (a support action) and server code without a user change it at
 * once.
 */
export const holdOwnEmailChange: CollectionBeforeChangeHook<User> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc || typeof data.email !== 'string') return data
  if (!req.user || String(req.user.id) !== String(originalDoc.id)) return data
  const email = data.email.trim().toLowerCase()
  if (email === originalDoc.email || !isValidEmail(email, req)) return data
  req.context.requestedEmailChange = {
    userId: originalDoc.id,
    email,
  } satisfies RequestedEmailChange
  return { ...data, email: originalDoc.email, pendingEmail: email }
}
