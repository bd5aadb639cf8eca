import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { requestEmailChange } from '../../src/lib/auth/emailChange'
import type { RequestedEmailChange } from './holdOwnEmailChange'

/**
 * After a user's own email change was stored as pending (`holdOwnEmailChange`), in the same
 * transaction: queues the single-use confirmation link for the new address and the notice to the
 * old one (`requestEmailChange`).
 */
export const queueEmailChangeConfirmation: CollectionAfterChangeHook<User> = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const requested = req.context.requestedEmailChange as RequestedEmailChange | undefined
  if (operation !== 'update' || requested?.userId !== doc.id) return doc
  req.context.requestedEmailChange = undefined
  await requestEmailChange(
    req,
    { id: doc.id, email: previousDoc.email, username: previousDoc.username },
    requested.email,
  )
  return doc
}
