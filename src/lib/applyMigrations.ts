import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import type { Payload } from 'payload'
import pg from 'pg'

import { migrations } from '../migrations'
import { CONNECTION_TIMEOUT_MS } from './databaseHealth'
import { databasePool } from './databasePool'

type BaseMigrations = NonNullable<
  NonNullable<Parameters<Payload['db']['migrate']>[0]>['migrations']
>

/**
 * The variable naming a direct connection to Postgres for migrations, when `DATABASE_URL` is a
 * pooler (PgBouncer in transaction mode): schema changes then bypass the pooler.
 */
export const MIGRATION_URL_VARIABLE = 'DATABASE_MIGRATION_URL'

/** What the migration connections call themselves in `pg_stat_activity`. */
export const MIGRATION_APPLICATION_NAME = 'marketplace migrations'

/** Advisory lock key (any constant) that lets one process at a time apply migrations. */
export const MIGRATION_LOCK = 7_020_406_001

/**
 * Applies the committed migrations, one process at a time. Payload's `migrate` takes no lock: two
 * instances starting together (web servers, the jobs worker, on several machines) would both run
 * a pending migration and the second would fail on the first's tables. The lock is a
 * transaction-scoped advisory lock held by a transaction open on a connection of its own for the
 * whole run, so it stays on one server connection even through a transaction-mode pooler (a
 * session lock there would stay behind on a pooled connection). A process that waited finds the
 * migrations applied and has nothing left to do.
 *
 * With `DATABASE_MIGRATION_URL` set, the lock and every migration go through a short-lived pool
 * on that URL: the adapter's drizzle handle is swapped for one on it while `migrate` runs (it
 * reads and writes only through that handle) and put back afterwards, before anything else uses
 * the instance. The app's own pool keeps `DATABASE_URL`.
 */
export const applyMigrations = async (payload: Payload): Promise<void> => {
  const adapter = payload.db as unknown as PostgresAdapter
  const directUrl = process.env[MIGRATION_URL_VARIABLE]
  const directPool = directUrl
    ? new pg.Pool({
        connectionString: directUrl,
        application_name: MIGRATION_APPLICATION_NAME,
        connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      })
    : undefined
  const pooledDrizzle = adapter.drizzle
  const lockClient = await (directPool ?? databasePool(payload)).connect()
  try {
    await lockClient.query('BEGIN')
    await lockClient.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    if (directPool) {
      adapter.drizzle = drizzle({
        client: directPool,
        logger: adapter.logger,
        schema: adapter.schema,
      }) as unknown as PostgresAdapter['drizzle']
    }
    // The generated migrations are typed for the Postgres adapter, the base adapter type less tightly.
    await payload.db.migrate({ migrations: migrations as unknown as BaseMigrations })
  } finally {
    adapter.drizzle = pooledDrizzle
    await lockClient.query('COMMIT').catch(() => undefined)
    lockClient.release()
    await directPool?.end()
  }
}
