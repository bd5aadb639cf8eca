import { getPayload, type Payload } from 'payload'

import { applyMigrations } from './applyMigrations'
import { type DatabaseHandle, ensureDatabase } from './database'

/**
 * Resolves the database (embedded unless `DATABASE_URL`), initialises Payload on it and applies
 * the committed migrations (one process at a time, on `DATABASE_MIGRATION_URL` when set: see
 * applyMigrations). Used by every entry point that owns a process: the server, the seed.
 * A cluster's web workers pass `migrate: false`: their primary migrated before forking them.
 *
 * The instance is cached under getPayload's default key, on the global map every copy of Payload
 * in the process shares. Next bundles its own copies of Payload and of the config, but its
 * `getPayload({ config })` calls (admin UI, GraphQL, storefront) find this instance there and
 * return it without initialising another: one instance, one pool, one set of module state.
 */
export const bootPayload = async (
  onPhase: (phase: string) => void = () => undefined,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<{ payload: Payload; database: DatabaseHandle }> => {
  onPhase('database')
  const database = await ensureDatabase()
  onPhase('loading the config')
  // The config reads DATABASE_URL while it is evaluated, so it is imported only now.
  const { default: config } = await import('@payload-config')
  onPhase('initialising Payload')
  const payload = await getPayload({ config })
  if (!migrate) return { payload, database }
  onPhase('migrating')
  await applyMigrations(payload)
  return { payload, database }
}
