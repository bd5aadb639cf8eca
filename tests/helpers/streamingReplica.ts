import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { freePort, postgresUserIds } from '../../src/lib/database'
import { querySql as query } from './privatePostgres'

const run = promisify(execFile)

/** The machine's PostgreSQL 15 (Debian's postgresql-15): the embedded one has no pg_basebackup. */
const BIN_DIR = process.env.PG_REPLICATION_BIN_DIR ?? '/usr/lib/postgresql/15/bin'
const BINARIES = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres']
const USER = 'postgres'
const REPLAY_TIMEOUT_MS = 60_000

export type ReplicatedPostgres = {
  primaryUrl: (db: string) => string
  replicaUrl: (db: string) => string
  /** Creates a database on the primary and waits until the replica has it too. */
  createDatabase: (name: string) => Promise<void>
  /** Resolves once the replica has replayed everything the primary had written when called. */
  waitForReplay: () => Promise<void>
  /** Stops the replica (fast shutdown: its connections are ended), keeping its data. */
  stopReplica: () => Promise<void>
  /** Starts the stopped replica again on the same port; it catches up by streaming. */
  startReplica: () => Promise<void>
  /** Stops applying WAL on the replica (it keeps receiving it): it lags until resumed. */
  pauseReplay: () => Promise<void>
  resumeReplay: () => Promise<void>
  /** Stops both servers and removes their data. */
  destroy: () => Promise<void>
}

/** Whether this machine has the binaries a streaming replica needs (and, as root, their user). */
export const replicationAvailable = (): boolean =>
  BINARIES.every((name) => fs.existsSync(path.join(BIN_DIR, name))) &&
  (process.getuid?.() !== 0 || postgresUserIds() !== undefined)

/** Why the replica tests skip, for their message. */
export const replicationUnavailableReason = (): string =>
  `no PostgreSQL binaries with pg_basebackup in ${BIN_DIR} (Debian's postgresql-15; CI has them)`

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (the server refuses root). */
const runAsPostgres = async (binary: string, args: string[]): Promise<string> => {
  const ids = process.getuid?.() === 0 ? postgresUserIds() : undefined
  try {
    const { stdout } = await run(path.join(BIN_DIR, binary), args, {
      ...(ids && { uid: ids.uid, gid: ids.gid }),
      // Its own HOME: the caller's may not be readable by the postgres user.
      env: { ...process.env, HOME: os.tmpdir(), LC_ALL: 'C' },
      timeout: REPLAY_TIMEOUT_MS,
    })
    return stdout
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    throw new Error(`${binary} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`)
  }
}

const serverSettings = (port: number, socketDir: string): string =>
  [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${socketDir}'`,
    'wal_level = replica',
    'max_wal_senders = 5',
    'hot_standby = on',
    'max_connections = 200',
    // Throwaway test clusters: durability buys nothing here and costs the shared machine.
    'fsync = off',
    'full_page_writes = off',
  ].join('\n')

/**
 * A private primary (initdb in a temp dir, `wal_level = replica`, a replication line in pg_hba)
 * and a hot-standby streaming replica of it (`pg_basebackup -R`), each on a free loopback port,
 * run with the machine's PostgreSQL 15 binaries. Trust authentication on 127.0.0.1 only.
 */
export const startReplicatedPostgres = async (): Promise<ReplicatedPostgres> => {
  if (!replicationAvailable()) throw new Error(replicationUnavailableReason())
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-replication-'))
  fs.chmodSync(root, 0o755)
  const ids = process.getuid?.() === 0 ? postgresUserIds() : undefined
  if (ids) fs.chownSync(root, ids.uid, ids.gid)
  const primaryDir = path.join(root, 'primary')
  const replicaDir = path.join(root, 'replica')
  const [primaryPort, replicaPort] = [await freePort(), await freePort()]
  let replicaRunning = false
  const pgCtl = (dir: string, action: 'start' | 'stop') =>
    runAsPostgres('pg_ctl', [
      '-D',
      dir,
      '-w',
      '-t',
      '60',
      ...(action === 'start' ? ['-l', `${dir}.log`] : ['-m', 'fast']),
      action,
    ])
  const url = (port: number, db: string) => `postgres://${USER}@127.0.0.1:${port}/${db}`
  const primaryUrl = (db: string) => url(primaryPort, db)
  const replicaUrl = (db: string) => url(replicaPort, db)

  const waitForReplay = async () => {
    const [{ lsn }] = await query<{ lsn: string }>(
      primaryUrl('postgres'),
      'select pg_current_wal_insert_lsn()::text as lsn',
    )
    const deadline = Date.now() + REPLAY_TIMEOUT_MS
    for (;;) {
      const [{ reached }] = await query<{ reached: boolean }>(
        replicaUrl('postgres'),
        'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as reached',
        [lsn],
      )
      if (reached) return
      if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${lsn} in time`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  const stopAll = async () => {
    if (replicaRunning) await pgCtl(replicaDir, 'stop').catch(() => undefined)
    replicaRunning = false
    await pgCtl(primaryDir, 'stop').catch(() => undefined)
  }

  try {
    await runAsPostgres('initdb', ['-D', primaryDir, '-U', USER, '--auth=trust', '-E', 'UTF8'])
    fs.appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      `\n${serverSettings(primaryPort, root)}\n`,
    )
    fs.appendFileSync(
      path.join(primaryDir, 'pg_hba.conf'),
      `\nhost replication ${USER} 127.0.0.1/32 trust\n`,
    )
    await pgCtl(primaryDir, 'start')
    // -R writes primary_conninfo and standby.signal: the copy starts as a streaming standby.
    await runAsPostgres('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', USER],
      ...['-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast'],
    ])
    // The copy carries the primary's settings; a later line wins.
    fs.appendFileSync(path.join(replicaDir, 'postgresql.conf'), `\nport = ${replicaPort}\n`)
    await pgCtl(replicaDir, 'start')
    replicaRunning = true
  } catch (error) {
    await stopAll()
    fs.rmSync(root, { recursive: true, force: true })
    throw error
  }

  return {
    primaryUrl,
    replicaUrl,
    createDatabase: async (name) => {
      await query(primaryUrl('postgres'), `CREATE DATABASE "${name}"`)
      await waitForReplay()
    },
    waitForReplay,
    stopReplica: async () => {
      if (!replicaRunning) return
      await pgCtl(replicaDir, 'stop')
      replicaRunning = false
    },
    startReplica: async () => {
      if (replicaRunning) return
      await pgCtl(replicaDir, 'start')
      replicaRunning = true
    },
    pauseReplay: async () => {
      await query(replicaUrl('postgres'), 'select pg_wal_replay_pause()')
    },
    resumeReplay: async () => {
      await query(replicaUrl('postgres'), 'select pg_wal_replay_resume()')
    },
    destroy: async () => {
      await stopAll()
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}
