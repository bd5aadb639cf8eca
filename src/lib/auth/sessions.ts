import { randomUUID } from 'node:crypto'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { applySessionChanges, sessionExecutor } from './sessionRows'

const executor = (req: PayloadRequest) =>
  sessionExecutor(req.payload.db as unknown as PostgresAdapter, req)

/**
 * Opens a Payload session (the `sid` a JWT carries) lasting `ttlSeconds`, pruning expired ones.
 * Payload's JWT strategy accepts a token only while its session is in the user's list.
 */
export const openSession = async (
  req: PayloadRequest,
  userId: number,
  ttlSeconds: number,
): Promise<string> => {
  const now = new Date()
  const sid = randomUUID()
  await applySessionChanges(await executor(req), userId, {
    add: [{ id: sid, createdAt: now, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) }],
  })
  return sid
}

/**
 * Ends the given sessions (or all of them) at once: JWTs carrying these ids stop authenticating.
 */
export const closeSessions = async (
  req: PayloadRequest,
  userId: number,
  sids: Array<string | null | undefined> | 'all',
): Promise<void> => {
  if (sids === 'all') {
    await applySessionChanges(await executor(req), userId, { removeAll: true })
    return
  }
  const remove = sids.filter((sid): sid is string => Boolean(sid))
  if (remove.length > 0) await applySessionChanges(await executor(req), userId, { remove })
}
