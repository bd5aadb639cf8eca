import type { CollectionAfterOperationHook } from 'payload'

import { revokeUserRefreshTokens } from '../src/lib/auth/tokenPair'

/** A password reset ends every other sign-in: Payload clears the sessions, this the refresh tokens. */
export const revokeRefreshTokensOnReset: CollectionAfterOperationHook<'users'> = async ({
  operation,
  req,
  result,
}) => {
  if (operation === 'resetPassword') {
    const userId = (result as { user?: { id?: number } }).user?.id
    if (typeof userId === 'number') await revokeUserRefreshTokens(req, userId)
  }
  return result
}
