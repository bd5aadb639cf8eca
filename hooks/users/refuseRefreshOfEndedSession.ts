import { sql } from '@payloadcms/db-postgres'
import { type CollectionBeforeOperationHook, Forbidden } from 'payload'

import { transactionSql } from '../../src/lib/transactionSql'

/**
 * A token refresh locks the session it renews until it commits, and is refused (403, as Payload
 * refuses a token without a session) when the session is already gone. The token was checked
 * when the request arrived; a sign-out that ended the session since then made Payload's refresh
 * look up a session that no longer exists and fail with a 500. The lock also makes a sign-out that
 * starts now wait for the refresh, so it ends the renewed session too.
 */
export const refuseRefreshOfEndedSession: CollectionBeforeOperationHook<'users'> = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'refresh') return args
  const user = req.user as { id: number | string; _sid?: string } | null
  if (!user?._sid) return args
  const run = await transactionSql(req)
  const { rows } = await run(
    sql`SELECT 1 FROM users_sessions WHERE _parent_id = ${Number(user.id)} AND id = ${user._sid} FOR UPDATE`,
  )
  if (rows.length === 0) throw new Forbidden(req.t)
  return args
}
