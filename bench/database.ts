import pg from 'pg'

import { embeddedUrl, startThrowawayPostgres } from '../src/lib/database'
import { migrateBenchDatabase } from './servers'

/**
 * A throwaway embedded Postgres with one database, `name`, holding the committed migrations: what
 * every bench script starts from. `stop` removes the cluster.
 */
export const migratedBenchDatabase = async (name: string) => {
  const cluster = await startThrowawayPostgres()
  const databaseUrl = embeddedUrl(cluster.port, name)
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    migrateBenchDatabase(databaseUrl)
  } catch (error) {
    await cluster.stop()
    throw error
  }
  return { databaseUrl, port: cluster.port, stop: cluster.stop }
}
