import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'
import { revokeUserRefreshTokens } from '../../src/lib/auth/tokenPair'

/**
 * A password change ends the user's other sign-ins: Payload drops their other sessions, and this
 * revokes the refresh tokens that could open new ones (except the caller's own chain).
 */
export const revokeRefreshTokensOnPasswordChange: CollectionBeforeChangeHook<User> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const password = (data as { password?: unknown }).password
  if (operation !== 'update' || typeof password !== 'string' || !originalDoc) return data
  const caller = req.user as (User & { _sid?: string }) | null
  const keepSid = caller?.id === originalDoc.id ? caller._sid : undefined
  await revokeUserRefreshTokens(req, originalDoc.id, { keepSid })
  return data
}
