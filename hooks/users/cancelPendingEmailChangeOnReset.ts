import type { CollectionBeforeOperationHook } from 'payload'

import { cancelEmailChange } from '../../src/lib/auth/emailChange'
import { accountOfResetToken } from '../../src/lib/auth/resetToken'

/**
 * A password reset (proof of the current address) withdraws a pending email change, as a
 * password change does (`cancelPendingEmailChange`): the owner taking the account back also takes
 * back its address. In the reset's transaction, after the account is locked
 * (`revokeRefreshTokensOnReset`); a refused reset rolls it back.
 */
export const cancelPendingEmailChangeOnReset: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'resetPassword') return args
  const user = await accountOfResetToken(req, (args as { data: { token?: unknown } }).data.token)
  if (user) await cancelEmailChange(req, user.id)
  return args
}
