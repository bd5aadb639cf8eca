/**
 * The multi-instance topology of `npm run cluster:smoke` and tests/api/clusterSmoke.test.ts: two
 * web instances and one job runner (compiled production processes) on one PostgreSQL, sharing
 * Redis (cache generations and rate-limit counters, under a key prefix of this run) and an S3
 * bucket, each process with a data directory (so an outbox) of its own.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'

import { spawnJobRunner, type JobRunnerProcess } from '../helpers/jobRunner'
import { startPrivatePostgres } from '../helpers/privatePostgres'
import {
  replicationAvailable,
  replicationUnavailableReason,
  startReplicatedPostgres,
} from '../helpers/streamingReplica'
import { type S3Server, startS3Server } from '../helpers/s3Server'
import { startTestServer, type TestServer } from '../helpers/testServer'

/** Runs one named part of the smoke run (the script times and prints each). */
export type StepRunner = <T>(name: string, run: () => Promise<T>) => Promise<T>

/** The PostgreSQL the processes share: a primary, and optionally a streaming replica of it. */
export type SmokeDatabase = {
  description: string
  primaryUrl: string
  /** The replica's URL of the same database, which the web instances read from. */
  replicaUrl?: string
  /** Resolves once the replica has replayed everything the primary had written (with one). */
  waitForReplay?: () => Promise<void>
  destroy: () => Promise<void>
}

export type WebInstance = TestServer & { name: 'A' | 'B'; dataDir: string }

export type ClusterTopology = {
  database: SmokeDatabase
  s3: S3Server
  redisUrl: string
  /** Every Redis key of this run starts with it. */
  redisPrefix: string
  a: WebInstance
  b: WebInstance
  runner: JobRunnerProcess & { dataDir: string }
  /** The last lines each process printed, for a failure report. */
  outputTails: (lines?: number) => string
  /** Stops every process and service and removes what they left; the processes' exit codes. */
  stop: () => Promise<Record<string, number | null>>
}

/** Whether Redis answers a PING at `url` within two seconds. */
export const redisAnswers = async (url: string): Promise<boolean> => {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

const deleteKeys = async (url: string, prefix: string): Promise<void> => {
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      if (keys.length) await client.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
}

const DATABASE = 'marketplace_smoke'

/** A primary of this run's own (embedded PostgreSQL in a temporary directory), no replica. */
export const privatePrimary = async (why: string): Promise<SmokeDatabase> => {
  const cluster = await startPrivatePostgres()
  return {
    description: `PostgreSQL primary on port ${cluster.port}, no replica (${why})`,
    primaryUrl: await cluster.createDatabase(DATABASE),
    destroy: cluster.destroy,
  }
}

/** A PostgreSQL 15 primary of this run's own and a hot-standby streaming replica of it. */
export const replicatedPrimary = async (): Promise<SmokeDatabase> => {
  const cluster = await startReplicatedPostgres()
  try {
    await cluster.createDatabase(DATABASE)
  } catch (error) {
    await cluster.destroy()
    throw error
  }
  const primaryUrl = cluster.primaryUrl(DATABASE)
  const replicaUrl = cluster.replicaUrl(DATABASE)
  return {
    description: `PostgreSQL 15 primary (${new URL(primaryUrl).port}) and streaming replica (${new URL(replicaUrl).port})`,
    primaryUrl,
    replicaUrl,
    waitForReplay: cluster.waitForReplay,
    destroy: cluster.destroy,
  }
}

/**
 * The replicated pair where this machine has the binaries for it (CI does), else a primary
 * alone: the flow then runs without its replica part, and the description says why.
 */
export const smokeDatabase = (): Promise<SmokeDatabase> =>
  replicationAvailable() ? replicatedPrimary() : privatePrimary(replicationUnavailableReason())

/**
 * Polls `/readyz` until it answers 200 with the database and the cache up, and the replicas too
 * when the instance has one; returns its checks. A probe can time out now and then on a loaded
 * machine, so the state is waited for rather than sampled once.
 */
export const waitForReady = async (
  instance: WebInstance,
  withReplica: boolean,
  timeoutMs = 120_000,
): Promise<Record<string, string>> => {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${instance.url}/readyz`)
      const text = await response.text()
      last = `${response.status} ${text}`
      if (response.status === 200) {
        const { checks } = JSON.parse(text) as { checks: Record<string, string> }
        const up = ['database', 'cache', ...(withReplica ? ['replicas'] : [])]
        if (up.every((check) => checks[check] === 'up')) return checks
      }
    } catch (error) {
      last = String(error)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`instance ${instance.name} was not ready in time (last /readyz: ${last})`)
}

const tail = (text: string, lines: number) => text.split('\n').slice(-lines).join('\n')

/**
 * Starts the services (`database`, an S3 server, Redis at `redisUrl` must already run), then web
 * instance A alone (it applies the migrations), then instance B and the job runner together.
 * Each web instance is waited for until `/readyz` answers 200, the runner until it polls.
 */
export const startClusterTopology = async ({
  redisUrl,
  database: startDatabase = smokeDatabase,
  step,
}: {
  redisUrl: string
  database?: () => Promise<SmokeDatabase>
  step: StepRunner
}): Promise<ClusterTopology> => {
  const run = randomBytes(5).toString('hex')
  const redisPrefix = `marketplace-smoke:${run}:`
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-smoke-'))
  const dataDir = (name: string) => {
    const dir = path.join(root, name)
    fs.mkdirSync(dir)
    return dir
  }
  const cleanups: Array<() => Promise<unknown>> = [
    async () => fs.rmSync(root, { recursive: true, force: true }),
    () => deleteKeys(redisUrl, redisPrefix),
  ]
  const exitCodes: Record<string, number | null> = {}
  const stop = async () => {
    // Processes first (newest first), then the services they used.
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
    cleanups.length = 0
    return exitCodes
  }
  try {
    const database = await step('PostgreSQL', startDatabase)
    cleanups.push(database.destroy)
    const s3 = await step('S3 API server (s3rver)', () => startS3Server())
    cleanups.push(s3.close)
    const shared = {
      ...s3.env,
      REDIS_URL: redisUrl,
      CACHE_KEY_PREFIX: `${redisPrefix}cache`,
      RATE_LIMIT_KEY_PREFIX: `${redisPrefix}rl:`,
      // Far above what the flow sends, in a window longer than the run: counts only grow.
      RATE_LIMIT_API: '5000',
      RATE_LIMIT_CREDENTIALS: '5000',
      RATE_LIMIT_WINDOW_MS: '3600000',
      PAYLOAD_SECRET: `smoke-${randomBytes(16).toString('hex')}`,
      ORDER_ENCRYPTION_KEYS: `smoke:${randomBytes(32).toString('base64')}`,
      LOG_LEVEL: 'info',
    }
    const startWeb = async (name: 'A' | 'B'): Promise<WebInstance> => {
      const dir = dataDir(`web-${name}`)
      const server = await startTestServer({
        databaseUrl: database.primaryUrl,
        readyTimeoutMs: 180_000,
        env: {
          ...shared,
          DATA_DIR: dir,
          JOBS_AUTORUN: 'false',
          ...(database.replicaUrl && { DATABASE_REPLICA_URLS: database.replicaUrl }),
        },
      })
      const instance = { ...server, name, dataDir: dir }
      cleanups.push(async () => (exitCodes[`web ${name}`] = await server.stop()))
      await waitForReady(instance, Boolean(database.replicaUrl))
      return instance
    }
    const a = await step('web instance A (applies the migrations)', () => startWeb('A'))
    const runnerDir = dataDir('runner')
    const [b, runner] = await step('web instance B and the job runner', () =>
      Promise.all([
        startWeb('B'),
        (async () => {
          const spawned = spawnJobRunner({
            ...shared,
            DATABASE_URL: database.primaryUrl,
            DATA_DIR: runnerDir,
            // The origin of the links it emails: instance A stands for the public URL.
            PUBLIC_URL: a.url,
          })
          cleanups.push(async () => (exitCodes['job runner'] = await spawned.stop()))
          await spawned.started()
          return { ...spawned, dataDir: runnerDir }
        })(),
      ]),
    )
    return {
      database,
      s3,
      redisUrl,
      redisPrefix,
      a,
      b,
      runner,
      outputTails: (lines = 40) =>
        [
          ['web A', a.output()],
          ['web B', b.output()],
          ['job runner', runner.output()],
        ]
          .map(([name, output]) => `--- ${name} (last ${lines} lines)\n${tail(output, lines)}`)
          .join('\n'),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
