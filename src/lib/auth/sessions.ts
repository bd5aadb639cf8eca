import { randomUUID } from 'node:crypto'
import type { PayloadRequest } from 'payload'

type Session = { id: string; createdAt: Date | string; expiresAt: Date | string }

const loadSessions = async (req: PayloadRequest, userId: number): Promise<Session[] | null> => {
  const user = await req.payload.db.findOne<{ id: number; sessions?: Session[] | null }>({
    collection: 'users',
    req,
    select: { sessions: true },
    where: { id: { equals: userId } },
  })
  return user ? (user.sessions ?? []) : null
}

const saveSessions = async (req: PayloadRequest, userId: number, sessions: Session[]) => {
  await req.payload.db.updateOne({
    id: userId,
    collection: 'users',
    data: { sessions },
    req,
    returning: false,
  })
}

const live = (sessions: Session[]): Session[] =>
  sessions.filter(({ expiresAt }) => new Date(expiresAt).getTime() > Date.now())

/**
 * Opens a Payload session (the `sid` a JWT carries) lasting `ttlSeconds`, pruning expired ones.
 * Payload's JWT strategy accepts a token only while its session is in the user's list.
 */
export const openSession = async (
  req: PayloadRequest,
  userId: number,
  ttlSeconds: number,
): Promise<string> => {
  const sessions = (await loadSessions(req, userId)) ?? []
  const now = new Date()
  const sid = randomUUID()
  sessions.push({ id: sid, createdAt: now, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) })
  await saveSessions(req, userId, live(sessions))
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
  const ending = sids === 'all' ? null : new Set(sids.filter(Boolean))
  if (ending && ending.size === 0) return
  const sessions = await loadSessions(req, userId)
  if (!sessions) return
  const remaining = ending ? sessions.filter(({ id }) => !ending.has(id)) : []
  if (remaining.length !== sessions.length) await saveSessions(req, userId, live(remaining))
}
