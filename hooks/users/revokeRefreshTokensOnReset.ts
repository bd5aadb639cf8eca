import type { CollectionBeforeOperationHook } from 'payload'

import { accountOfResetToken } from '../../src/lib/auth/resetToken'
import { revokeUserRefreshTokens } from '../../src/lib/auth/tokenPair'
import { lockDocument } from '../../src/lib/lockOrder'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * A password reset ends every other sign-in: Payload clears the sessions, this the refresh tokens,
 * in the reset's own transaction (after Payload's commit, a failure would leave the tokens of the
 * account being taken back working). It runs before Payload writes the user and locks the account
 * first, in the lock order (its token lock, then its row): a token refresh in flight finishes
 * before the reset, so the session it adds is cleared with the others rather than surviving it.
 * A refused reset rolls all of it back.
 */
export const revokeRefreshTokensOnReset: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'resetPassword') return args
  const user = await accountOfResetToken(req, (args as { data: { token?: unknown } }).data.token)
  if (!user) return args
  await lockDocument(await transactionSql(req), req.payload, 'users', user.id)
  await revokeUserRefreshTokens(req, user.id)
  return args
}
