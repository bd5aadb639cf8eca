import type { Pool } from 'pg'

/** A WAL position as Postgres prints a `pg_lsn` (`16/B374D848`: two hex halves) → a byte offset. */
export const parseWalPosition = (text: string): bigint => {
  const [high, low] = text.split('/')
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`)
}

/**
 * Where the primary's WAL ends right now: at or past the commit record of every transaction
 * committed before this call. The insert position, not the write or flush one: with asynchronous
 * commit a committed record may not be written out yet, and a replica that has replayed this
 * position has replayed that commit.
 */
export const primaryWalPosition = async (primary: Pool): Promise<bigint> => {
  const { rows } = await primary.query<{ position: string }>(
    'select pg_current_wal_insert_lsn()::text as position',
  )
  return parseWalPosition(rows[0].position)
}
