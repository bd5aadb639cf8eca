import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { SQL } from '../transactionSql'

/** One entry of a user's `sessions` (Payload stores them as rows of `users_sessions`). */
export type StoredSession = {
  id: string
  createdAt?: Date | string | null
  expiresAt: Date | string
}

type Executor = { execute: (query: SQL) => Promise<{ rows: Array<Record<string, unknown>> }> }

/**
 * Raw SQL on the request's transaction when it has one (so the change commits or rolls back with
 * it), otherwise on the pool: every statement below is atomic on its own.
 */
export const sessionExecutor = async (
  adapter: PostgresAdapter,
  req?: Partial<PayloadRequest>,
): Promise<Executor> => {
  const transactionID = req?.transactionID ? await req.transactionID : undefined
  const session = transactionID ? adapter.sessions?.[String(transactionID)] : undefined
  return (session?.db ?? adapter.drizzle) as unknown as Executor
}

const asDate = (value: Date | string | null | undefined): Date =>
  value instanceof Date ? value : new Date(value ?? Date.now())

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )

/**
 * Changes a user's sessions row by row instead of rewriting the whole list: deleting a row
 * that is already gone or extending one that was ended does nothing, and only new ids are
 * inserted. So concurrent sign-ins, refreshes and sign-outs cannot undo each other, whatever
 * list each of them read. Expired rows are pruned on the way.
 */
export const applySessionChanges = async (
  db: Executor,
  userId: number,
  change: {
    /** Remove every session (sign out everywhere, password reset). */
    removeAll?: boolean
    remove?: string[]
    add?: StoredSession[]
    /** New expiry of sessions that still exist. */
    extend?: StoredSession[]
  },
): Promise<void> => {
  if (change.removeAll) {
    await db.execute(sql`DELETE FROM users_sessions WHERE _parent_id = ${userId}`)
  } else {
    const remove = change.remove ?? []
    await db.execute(
      remove.length > 0
        ? sql`DELETE FROM users_sessions WHERE _parent_id = ${userId} AND (expires_at <= now() OR id IN (${idList(remove)}))`
        : sql`DELETE FROM users_sessions WHERE _parent_id = ${userId} AND expires_at <= now()`,
    )
  }
  for (const session of change.extend ?? []) {
    await db.execute(
      sql`UPDATE users_sessions SET expires_at = ${asDate(session.expiresAt).toISOString()} WHERE _parent_id = ${userId} AND id = ${session.id}`,
    )
  }
  for (const session of change.add ?? []) {
    await db.execute(
      sql`INSERT INTO users_sessions (_order, _parent_id, id, created_at, expires_at)
        SELECT COALESCE(MAX(_order), 0) + 1, ${userId}, ${session.id}, ${asDate(session.createdAt).toISOString()}, ${asDate(session.expiresAt).toISOString()}
        FROM users_sessions WHERE _parent_id = ${userId}
        ON CONFLICT (id) DO NOTHING`,
    )
  }
}
