import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { DatabaseAdapterObj, FindOneArgs, PayloadRequest, TypeWithID } from 'payload'

import { applySessionChanges, sessionExecutor, type StoredSession } from './sessionRows'

type UserRow = { id?: number; sessions?: StoredSession[] | null }
type RequestKey = Partial<PayloadRequest>

/** The sessions each request last read per user: what its next write of the list was based on. */
const sessionsRead = new WeakMap<RequestKey, Map<number, StoredSession[]>>()

const remember = (req: RequestKey | undefined, row: UserRow | null | undefined) => {
  if (!req || !row || typeof row.id !== 'number' || !Array.isArray(row.sessions)) return
  const byUser = sessionsRead.get(req) ?? new Map<number, StoredSession[]>()
  byUser.set(row.id, row.sessions)
  sessionsRead.set(req, byUser)
}

const time = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : 0)

const idOf = (args: { id?: number | string; where?: unknown }): number | undefined => {
  if (args.id !== undefined) return Number(args.id)
  const equals = (args.where as { id?: { equals?: unknown } } | undefined)?.id?.equals
  return equals === undefined ? undefined : Number(equals)
}

/**
 * Turns a write of a user's whole `sessions` list into row changes relative to the list the
 * request read: ids it dropped are deleted, ids it added are inserted, changed expiries are
 * updated. Without a known read (Payload's lockout code reads without `req`), the write may only
 * remove sessions. An empty list removes every session.
 */
const sessionChanges = (read: StoredSession[] | undefined, written: StoredSession[]) => {
  if (written.length === 0) return { removeAll: true }
  const writtenById = new Map(written.map((session) => [session.id, session]))
  if (!read) return { remove: [], extend: [] }
  const readById = new Map(read.map((session) => [session.id, session]))
  return {
    remove: read.filter(({ id }) => !writtenById.has(id)).map(({ id }) => id),
    add: written.filter(({ id }) => !readById.has(id)),
    extend: written.filter(({ id, expiresAt }) => {
      const before = readById.get(id)
      return before !== undefined && time(before.expiresAt) !== time(expiresAt)
    }),
  }
}

/**
 * Wraps the Postgres adapter so that Payload 3.90's read-modify-write of `users.sessions`
 * (login, logout, refresh, password change and reset, lockout) cannot undo a concurrent change:
 * the list a request writes is turned into row changes against what it read (see
 * `sessionChanges`). A write that only touches sessions (Payload marks them with
 * `updatedAt: null` and need no result) writes nothing else: the stale copy of the user it
 * carries is dropped.
 */
export const withAtomicSessions = (
  adapterObj: DatabaseAdapterObj<PostgresAdapter>,
): DatabaseAdapterObj<PostgresAdapter> => ({
  ...adapterObj,
  init: (args) => {
    const adapter = adapterObj.init(args)
    const findOne = adapter.findOne.bind(adapter)
    const updateOne = adapter.updateOne.bind(adapter)
    adapter.findOne = async <T extends TypeWithID>(findArgs: FindOneArgs) => {
      const row = await findOne<T>(findArgs)
      if (findArgs.collection === 'users') remember(findArgs.req, row as UserRow | null)
      return row
    }
    adapter.updateOne = async (updateArgs) => {
      const data = updateArgs.data as Record<string, unknown> & { sessions?: unknown }
      const userId = idOf(updateArgs)
      if (
        updateArgs.collection !== 'users' ||
        !Array.isArray(data.sessions) ||
        userId === undefined
      ) {
        return updateOne(updateArgs)
      }
      const { sessions: written, ...rest } = data
      const read = updateArgs.req ? sessionsRead.get(updateArgs.req)?.get(userId) : undefined
      const db = await sessionExecutor(adapter, updateArgs.req)
      await applySessionChanges(db, userId, sessionChanges(read, written as StoredSession[]))
      // Later writes of this request build on what it just wrote.
      remember(updateArgs.req, { id: userId, sessions: written as StoredSession[] })
      if (data.updatedAt === null && updateArgs.returning === false) return null
      // An empty `$push` leaves the rows alone: without `sessions` the adapter would delete them.
      return updateOne({ ...updateArgs, data: { ...rest, sessions: { $push: [] } } })
    }
    return adapter
  },
})
