import type { CollectionAfterOperationHook } from 'payload'

import { cancelEmailChange } from '../src/lib/auth/emailChange'

/**
 * A password reset (proof of the current address) withdraws a pending email change, as a
 * password change does (`cancelPendingEmailChange`): the owner taking the account back also takes
 * back its address.
 */
export const cancelPendingEmailChangeOnReset: CollectionAfterOperationHook<'users'> = async ({
  operation,
  req,
  result,
}) => {
  if (operation !== 'resetPassword') return result
  const userId = (result as { user?: { id?: number } }).user?.id
  if (typeof userId === 'number') await cancelEmailChange(req, userId)
  return result
}
