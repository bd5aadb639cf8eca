import pg from 'pg'

/** One checksum per table: what is stored, to compare before and after a request. */
export type StoreSnapshot = Map<string, string>

/**
 * Columns a refused request may change on purpose: a failed login counts towards the account's
 * lock-out (Payload's `maxLoginAttempts`), which also touches the row's `updated_at`.
 */
const VOLATILE_COLUMNS: Record<string, string[]> = {
  users: ['login_attempts', 'lock_until', 'updated_at'],
}

/**
 * Tables the server writes on its own, whatever requests come: the jobs runner's schedule
 * bookkeeping (Payload's `payload-jobs-stats` global, updated as it polls). Jobs themselves
 * (`payload_jobs`) stay checked: a refused request must queue nothing.
 */
const BACKGROUND_TABLES = ['payload_jobs_stats']

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Checksums every table of the `public` schema through one open connection. */
export const storeSnapshotter = async (databaseUrl: string) => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  const checksumSql = tables
    .filter(({ name }) => !BACKGROUND_TABLES.includes(name))
    .map(({ name }) => {
      const row = (VOLATILE_COLUMNS[name] ?? []).reduce(
        (json, column) => `${json} - '${column}'`,
        'to_jsonb(t)',
      )
      return `SELECT '${name}' AS name, md5(coalesce(string_agg(md5((${row})::text), '' ORDER BY md5((${row})::text)), '')) AS sum FROM ${quoteIdent(name)} t`
    })
    .join(' UNION ALL ')
  return {
    snapshot: async (): Promise<StoreSnapshot> => {
      const { rows } = await client.query<{ name: string; sum: string }>(checksumSql)
      return new Map(rows.map((row) => [row.name, row.sum]))
    },
    close: () => client.end(),
  }
}

/** Tables whose contents differ between two snapshots. */
export const changedTables = (before: StoreSnapshot, after: StoreSnapshot): string[] =>
  [...after.keys()].filter((name) => before.get(name) !== after.get(name))
