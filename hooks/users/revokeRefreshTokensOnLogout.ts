import type { CollectionAfterLogoutHook } from 'payload'

import type { User } from '@/payload-types'
import { revokeUserRefreshTokens } from '../../src/lib/auth/tokenPair'

/**
 * `POST /api/users/logout` ends the caller's session; this also revokes refresh tokens issued for
 * it (all of the user's refresh tokens with `?allSessions=true`).
 */
export const revokeRefreshTokensOnLogout: CollectionAfterLogoutHook<User> = async ({ req }) => {
  const user = req.user as (User & { _sid?: string }) | null
  if (!user) return
  const allSessions = req.searchParams?.get('allSessions') === 'true'
  if (allSessions) await revokeUserRefreshTokens(req, user.id)
  else if (user._sid) await revokeUserRefreshTokens(req, user.id, { sids: [user._sid] })
}
