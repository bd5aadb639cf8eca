import type { CollectionMeHook } from 'payload'

import type { User } from '@/payload-types'
import { API_TOKEN_STRATEGY } from '../../src/lib/auth/apiTokens'

/**
 * `GET /api/users/me` (and GraphQL `meUser`) decode the bearer credential as a JWT for its expiry,
 * which fails for a personal API token sent as `Bearer mkt_…`. Answer for API-token requests here,
 * with the token's own expiry, so Payload skips that step.
 */
export const describeApiTokenSession: CollectionMeHook<User> = ({ args, user }) => {
  const caller = args.req.user as { _strategy?: string; _apiTokenExp?: number } | null
  if (caller?._strategy !== API_TOKEN_STRATEGY) return
  // `exp` is optional in practice: tokens without an expiry have none.
  return { user, exp: caller._apiTokenExp as number }
}
