import express from 'express'
import fs from 'node:fs'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import next from 'next'
import type { Payload } from 'payload'
import { pino } from 'pino'

import { mountApiDocs } from './lib/apiDocs'
import { bootPayload } from './lib/bootPayload'
import { startJobRunner, stopJobRunner } from './jobs/runner'
import { webProcessRunsJobs } from './jobs/settings'
import { catalogCache } from './lib/cache/catalogCache'
import { cacheEnabled, cacheStore, closeCacheStore } from './lib/cache/store'
import { runPrimary } from './lib/cluster/primary'
import { isWebWorker, WEB_WORKER_INDEX, webConcurrency } from './lib/cluster/webConcurrency'
import { databaseGate } from './lib/databaseGate'
import { closeDatabasePool, databaseReachable } from './lib/databasePool'
import { bodyLimits } from './lib/limits/bodyLimits'
import { closeRateLimitStore, rateLimitStoreConnected } from './lib/limits/rateLimitStore'
import { payloadRest } from './lib/payloadRest'
import { announcePrimaryPosition } from './lib/replicas/announceWrites'
import { replicaReads } from './lib/replicas/replicaReads'
import { readReplicas, replicasHealth } from './lib/replicas/replicaRouting'
import { createRateLimiters } from './lib/rateLimits'
import { requestLogger } from './lib/requestLogger'
import { securityHeaders } from './lib/securityHeaders'
import { demoLoginLines, seedDemo, shouldSeedDemo } from './seed/seedDemo'

const workerIndex = process.env[WEB_WORKER_INDEX]
const logger = pino({
  name: 'marketplace',
  level: process.env.LOG_LEVEL ?? 'info',
  // Every line says which process wrote it; a cluster's lines also say which worker.
  base: { pid: process.pid, hostname: os.hostname(), ...(workerIndex && { worker: workerIndex }) },
})

/** Express's `trust proxy`: a hop count, `true`/`false`, or a list of addresses/subnets. */
const parseTrustProxy = (value: string | undefined): boolean | number | string => {
  if (!value) return false
  if (value === 'true' || value === 'false') return value === 'true'
  return /^\d+$/.test(value) ? Number(value) : value
}

export type RunningServer = {
  server: Server
  payload: Payload
  shutdown: (signal: string) => Promise<void>
}

/**
 * Starts Marketplace: the database (embedded unless `DATABASE_URL` is set), migrations, the demo
 * seed on an empty embedded database, then Express in front of Next/Payload. In a cluster's web
 * worker, the primary has done the first three (see lib/cluster/primary.ts): the worker only
 * connects to the database and serves.
 */
export const startServer = async (): Promise<RunningServer> => {
  const worker = isWebWorker()
  const startedAt = Date.now()
  const dev = process.env.NODE_ENV !== 'production'
  const projectRoot = process.env.MARKETPLACE_ROOT ?? process.cwd()

  // A start-up that stops with nothing left to wait for would exit silently: say where it was.
  let phase = 'database and Payload'
  const setPhase = (next: string) => {
    phase = next
  }
  const reportEarlyExit = (code: number) => {
    fs.writeSync(2, `marketplace: exited with code ${code} during start-up (${phase})\n`)
  }
  process.on('exit', reportEarlyExit)

  // The process's one Payload instance: start-up work (migrations, seeding), the readiness probe
  // and the REST API use it, and so does Next's code (admin UI, GraphQL, storefront), whose
  // getPayload finds it under getPayload's default key (see bootPayload).
  const { payload, database } = await bootPayload(setPhase, { migrate: !worker })
  // Jobs: this process is the queue's one runner unless a worker process is (see src/jobs).
  if (webProcessRunsJobs()) await startJobRunner(payload)
  // Replica reads wait for a replica that has replayed the migrations this process expects.
  await announcePrimaryPosition(payload).catch((error: unknown) => {
    logger.warn({ err: error }, 'replicas: could not announce the start position')
  })
  setPhase('demo seed')
  const seeded = !worker && (await shouldSeedDemo(payload))
  if (seeded) await seedDemo(payload)

  setPhase('Next')
  const app = next({ dev, dir: projectRoot })
  await app.prepare()
  setPhase('listen')
  const handle = app.getRequestHandler()
  const limiters = createRateLimiters(logger)

  const server = express()
  server.disable('x-powered-by')
  server.set('trust proxy', parseTrustProxy(process.env.TRUST_PROXY))
  server.use(requestLogger(logger))
  server.use(securityHeaders())
  server.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptime: process.uptime() })
  })
  const cache = () => cacheStore(logger)
  if (cacheEnabled()) logger.info({ cache: cache().kind }, 'catalog cache enabled')
  server.get('/readyz', async (_req, res) => {
    const databaseUp = await databaseReachable(payload)
    // The cache is an accelerator: with Redis down the server serves uncached, so it stays ready
    // (200) and reports `cache: 'down'`.
    const cacheHealth = cacheEnabled() ? cache().health() : 'disabled'
    res.status(databaseUp ? 200 : 503).json({
      status: databaseUp ? 'ready' : 'unavailable',
      // Replicas down only send their reads to the primary: still ready, reported as such.
      checks: {
        database: databaseUp ? 'up' : 'down',
        cache: cacheHealth,
        ...(readReplicas().length > 0 && { replicas: await replicasHealth() }),
      },
      // In a cluster, which worker answered (WEB_WORKER_INDEX): probes can see every worker up.
      ...(worker && { worker: Number(workerIndex) }),
    })
  })
  server.use('/api', limiters.api)
  server.use(bodyLimits(payload.config))
  server.use(limiters.credentials)
  server.use(catalogCache(cache, logger))
  // After the cache: cached catalog reads are still served while the database is down.
  server.use('/api', databaseGate(payload))
  // After the cache, which reads its generations first (see replicaReads).
  server.use(replicaReads(cache))
  const apiDocs = mountApiDocs(server, payload)
  // No body parser anywhere: Payload reads the raw request body itself.
  server.use(payloadRest(payload.config, logger))
  server.use((req, res) => handle(req, res))

  // Every route is registered: build the OpenAPI document now and name anything undocumented.
  const { undocumented } = apiDocs.build()
  if (undocumented.length) {
    logger.error({ undocumented }, 'routes without OpenAPI documentation (custom.openapi)')
  }

  await rateLimitStoreConnected()
  const port = Number(process.env.PORT ?? 3000)
  const host = process.env.HOST ?? '0.0.0.0'
  const httpServer = await new Promise<Server>((resolve, reject) => {
    const listening = server.listen(port, host, () => resolve(listening))
    listening.once('error', reject)
  })
  const address = httpServer.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  process.off('exit', reportEarlyExit)
  logger.info({ port: boundPort, host, ms: Date.now() - startedAt }, 'ready')
  const adminUrl = `${process.env.PUBLIC_URL ?? `http://localhost:${boundPort}`}/admin`
  if (seeded) {
    for (const line of demoLoginLines(adminUrl)) console.log(line)
  } else if (!worker && process.env.MARKETPLACE_EMBEDDED_DB === 'true') {
    console.log(`Admin UI: ${adminUrl} (demo logins: see README.md)`)
  }

  let stopping: Promise<void> | undefined
  const shutdown = (signal: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down: draining in-flight requests')
      const timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000)
      const forceClose = setTimeout(() => httpServer.closeAllConnections(), timeoutMs)
      forceClose.unref()
      // Keep-alive connections become idle as their last response finishes: close them then.
      const closeIdle = setInterval(() => httpServer.closeIdleConnections(), 100)
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve())
        httpServer.closeIdleConnections()
      })
      clearInterval(closeIdle)
      clearTimeout(forceClose)
      // Jobs already running (emails) still need the database; queued ones wait for the next start.
      const abandoned = await stopJobRunner(payload, timeoutMs)
      if (abandoned) logger.warn({ runs: abandoned }, 'shutdown timeout: running jobs cut off')
      await app.close().catch(() => undefined)
      await closeDatabasePool(payload)
      await closeCacheStore()
      closeRateLimitStore()
      await database.stop()
      logger.info({ signal }, 'stopped')
    })()
    return stopping
  }
  return { server: httpServer, payload, shutdown }
}

/**
 * Starts the server as this process's job: exits 1 if start-up fails, and shuts down gracefully
 * on SIGTERM/SIGINT. Resolves once the server listens. With `WEB_CONCURRENCY` above 1 this
 * process becomes the primary of that many web workers instead (see webConcurrency).
 */
export const runServer = async (): Promise<void> => {
  try {
    const workers = isWebWorker() ? 1 : webConcurrency()
    if (workers > 1) return await runPrimary(workers, logger)
    const { shutdown } = await startServer()
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      // A repeated signal joins the shutdown already under way rather than killing the process.
      process.on(signal, () => {
        shutdown(signal).then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed')
            process.exit(1)
          },
        )
      })
    }
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start')
    process.exit(1)
  }
}

// `npm run dev` runs this file directly (tsx); production starts through src/bin/start.mjs.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void runServer()
}
