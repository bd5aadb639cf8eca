import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { freePort } from '../../src/lib/database'

/** Debian's `pgbouncer` package installs it here. */
export const PGBOUNCER_BIN = '/usr/sbin/pgbouncer'

export const pgbouncerInstalled = (): boolean => fs.existsSync(PGBOUNCER_BIN)

export type PgBouncer = {
  /** `url` with its host and port replaced by the pooler's. */
  urlFor: (directUrl: string) => string
  /** Runs a command on the admin console (`SHOW POOLS`, `SHOW SERVERS`, …) and returns its rows. */
  show: <Row = Record<string, unknown>>(command: string) => Promise<Row[]>
  output: () => string
  stop: () => Promise<void>
}

type Options = { serverUrl: string; poolSize: number; maxClientConnections?: number }

/** Quotes a value for pgbouncer's auth_file (a double quote is doubled). */
const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`

/**
 * A private PgBouncer in transaction mode in front of `serverUrl`'s Postgres: every database on
 * that server is reachable through it under its own name, `poolSize` server connections per
 * database at most. Clients are trusted; the auth file holds the server's user and password in
 * plain text, which PgBouncer uses to log in to Postgres (md5 or SCRAM). PgBouncer refuses to
 * run as root, so as root it switches to the `postgres` user, which must read its files.
 */
export const startPgBouncer = async ({
  serverUrl,
  poolSize,
  maxClientConnections = 200,
}: Options): Promise<PgBouncer> => {
  const server = new URL(serverUrl)
  const user = decodeURIComponent(server.username || 'postgres')
  const password = decodeURIComponent(server.password)
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-pgbouncer-'))
  fs.chmodSync(dir, 0o755)
  const authFile = path.join(dir, 'userlist.txt')
  fs.writeFileSync(authFile, `${quoted(user)} ${quoted(password)}\n`, { mode: 0o644 })
  const configFile = path.join(dir, 'pgbouncer.ini')
  const config = [
    '[databases]',
    `* = host=${server.hostname} port=${server.port || 5432}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${authFile}`,
    `admin_users = ${user}`,
    'pool_mode = transaction',
    `default_pool_size = ${poolSize}`,
    'min_pool_size = 0',
    'reserve_pool_size = 0',
    `max_client_conn = ${maxClientConnections}`,
  ].join('\n')
  fs.writeFileSync(configFile, `${config}\n`, { mode: 0o644 })

  const asRoot = process.getuid?.() === 0
  const child: ChildProcess = spawn(
    PGBOUNCER_BIN,
    [...(asRoot ? ['-u', 'postgres'] : []), configFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let printed = ''
  child.stdout!.on('data', (chunk) => (printed += chunk))
  child.stderr!.on('data', (chunk) => (printed += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const urlFor = (directUrl: string) => {
    const url = new URL(directUrl)
    url.hostname = '127.0.0.1'
    url.port = String(port)
    return url.toString()
  }
  const show = async <Row>(command: string): Promise<Row[]> => {
    const consoleUrl = new URL(urlFor(serverUrl))
    consoleUrl.pathname = '/pgbouncer'
    const admin = new pg.Client({ connectionString: consoleUrl.toString() })
    await admin.connect()
    try {
      return (await admin.query(command)).rows as Row[]
    } finally {
      await admin.end()
    }
  }
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
    fs.rmSync(dir, { recursive: true, force: true })
  }

  const deadline = Date.now() + 15_000
  for (;;) {
    try {
      await show('SHOW VERSION')
      break
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop()
        throw new Error(`pgbouncer did not start (${String(error)}):\n${printed}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return { urlFor, show, output: () => printed, stop }
}
