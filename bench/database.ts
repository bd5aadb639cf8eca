import { spawnSync } from 'node:child_process'
import pg from 'pg'

import { embeddedUrl, startThrowawayPostgres } from '../src/lib/database'

/** The bench servers' PAYLOAD_SECRET (the migration runs with it too). */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef'

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
    console.log('[bench] migrating')
    const migrate = spawnSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'src/bin/payload.ts', 'migrate'],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          NODE_OPTIONS: '--conditions=production',
          PAYLOAD_SECRET: BENCH_SECRET,
        },
      },
    )
    if (migrate.status !== 0) throw new Error('the migration failed')
  } catch (error) {
    await cluster.stop()
    throw error
  }
  return { databaseUrl, port: cluster.port, stop: cluster.stop }
}
