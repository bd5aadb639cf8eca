import { type PostgresAdapter, type sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

/** A query built with the `sql` template tag re-exported by @payloadcms/db-postgres. */
export type SQL = ReturnType<typeof sql>

export type SqlResult<Row> = { rows: Row[]; rowCount: number | null }

/** Runs raw SQL on the connection of the request's transaction. */
export type TransactionSql = <Row = Record<string, unknown>>(query: SQL) => Promise<SqlResult<Row>>

type Executor = { execute: (query: SQL) => Promise<SqlResult<Record<string, unknown>>> }

/**
 * The request's open transaction as a raw-SQL runner. Payload's Postgres adapter keeps each
 * transaction's drizzle handle in `payload.db.sessions[transactionID]` (what its own queries use,
 * see @payloadcms/drizzle getTransaction). Stock and rating writes must join that transaction so
 * they commit or roll back with the document; outside one they would not be all-or-nothing, so
 * this refuses to run without it.
 */
export const transactionSql = async (req: PayloadRequest): Promise<TransactionSql> => {
  const transactionID = req.transactionID ? await req.transactionID : undefined
  const adapter = req.payload.db as unknown as PostgresAdapter
  const session = transactionID ? adapter.sessions?.[String(transactionID)] : undefined
  if (!session) throw new Error('This write must run inside the request transaction')
  const db = session.db as unknown as Executor
  return async <Row>(query: SQL) => (await db.execute(query)) as SqlResult<Row>
}
