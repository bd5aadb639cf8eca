import { APIError, type CollectionBeforeOperationHook } from 'payload'

/**
 * `POST /api/users/refresh-token` re-signs a JWT for the 2-hour session lifetime. An access token
 * of a `/api/token` pair lives 15 minutes and is renewed only with its refresh token, so its
 * session (recorded on the refresh token) is refused here.
 */
export const refuseRefreshOfPairTokens: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'refresh') return args
  const sid = (req.user as { _sid?: string } | null)?._sid
  if (!sid) return args
  const { totalDocs } = await req.payload.count({
    collection: 'refresh-tokens',
    where: { sid: { equals: sid } },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0) {
    throw new APIError('Access tokens from /api/token are renewed at /api/token/refresh.', 403)
  }
  return args
}
