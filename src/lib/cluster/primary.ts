import { ClusterMemoryStorePrimary } from '@express-rate-limit/cluster-memory-store'
import cluster, { type Worker } from 'node:cluster'
import type { Logger } from 'pino'

import { demoLoginLines, seedDemo, shouldSeedDemo } from '../../seed/seedDemo'
import { bootPayload } from '../bootPayload'
import { relayCacheBumps } from '../cache/clusterBumps'
import { closeDatabasePool } from '../databasePool'
import { CRASH_WINDOW_MS, replacementDelayMs } from './backoff'
import { WEB_WORKER_INDEX } from './webConcurrency'

/** A worker that dies this many times in a row before it ever listened ends the primary. */
const MAX_START_FAILURES = 3

/**
 * Runs this process as the cluster's primary: the database (embedded unless `DATABASE_URL`),
 * migrations and the demo seed happen here, once, before any worker exists. Then it forks `count`
 * web workers that share the port (node:cluster hands connections round-robin), owns the
 * rate-limit counters shared by the workers without Redis, relays in-memory cache invalidations
 * between them, replaces a worker that dies (with a backoff), and on SIGTERM/SIGINT lets every
 * worker drain, then stops the database and exits.
 */
export const runPrimary = async (count: number, logger: Logger): Promise<void> => {
  // The primary's own Payload instance (migrations, seed) must not run the jobs queue.
  process.env[WEB_WORKER_INDEX] = 'primary'
  const { payload, database } = await bootPayload()
  const seeded = await shouldSeedDemo(payload)
  if (seeded) await seedDemo(payload)
  // The primary serves nothing: workers open their own pools. The seed's emails are queued jobs,
  // which worker 0 runs (src/jobs/settings.ts).
  await closeDatabasePool(payload)

  new ClusterMemoryStorePrimary().init()
  relayCacheBumps()

  const slots = new Map<number, Worker>()
  const listening = new Set<number>()
  const recentExits: number[] = []
  let everListened = false
  let startFailures = 0
  let stopping = false
  let failed = false

  const fork = (index: number) => {
    const worker = cluster.fork({ [WEB_WORKER_INDEX]: String(index) })
    slots.set(index, worker)
    const pid = worker.process.pid
    logger.info({ worker: index, workerPid: pid }, 'worker started')
    worker.once('listening', () => {
      listening.add(index)
      startFailures = 0
      logger.info({ worker: index, workerPid: pid }, 'worker ready')
      if (!everListened && listening.size === count) {
        everListened = true
        logger.info({ workers: count }, 'all workers ready')
        const port = process.env.PORT ?? 3000
        const adminUrl = `${process.env.PUBLIC_URL ?? `http://localhost:${port}`}/admin`
        if (seeded) {
          for (const line of demoLoginLines(adminUrl)) console.log(line)
        } else if (process.env.MARKETPLACE_EMBEDDED_DB === 'true') {
          console.log(`Admin UI: ${adminUrl} (demo logins: see README.md)`)
        }
      }
    })
    worker.once('exit', (code, signal) => {
      const wasListening = listening.delete(index)
      if (slots.get(index) === worker) slots.delete(index)
      if (stopping) {
        if (code !== 0) failed = true
        logger.info({ worker: index, workerPid: pid, code, signal }, 'worker stopped')
        if (slots.size === 0) void finish()
        return
      }
      if (!wasListening && !everListened && ++startFailures >= MAX_START_FAILURES) {
        logger.fatal({ worker: index, code, signal }, 'workers keep failing to start; giving up')
        failed = true
        void stop('start-up failure')
        return
      }
      const now = Date.now()
      recentExits.push(now)
      while (recentExits[0] < now - CRASH_WINDOW_MS) recentExits.shift()
      const delayMs = replacementDelayMs(recentExits.length)
      logger.warn(
        { worker: index, workerPid: pid, code, signal, delayMs },
        'worker exited unexpectedly; replacing it',
      )
      setTimeout(() => {
        if (!stopping) fork(index)
      }, delayMs)
    })
  }

  let finished = false
  const finish = async () => {
    if (finished) return
    finished = true
    await database.stop()
    logger.info({}, 'stopped')
    process.exit(failed ? 1 : 0)
  }

  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal, workers: slots.size }, 'shutting down: stopping workers')
    if (slots.size === 0) return finish()
    for (const worker of slots.values()) worker.process.kill('SIGTERM')
    // Each worker bounds its own drain by SHUTDOWN_TIMEOUT_MS; this catches a worker that hangs.
    const timeoutMs = 2 * Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000) + 5000
    setTimeout(() => {
      for (const worker of slots.values()) {
        logger.warn({ workerPid: worker.process.pid }, 'worker did not stop in time; killing it')
        worker.process.kill('SIGKILL')
      }
    }, timeoutMs).unref()
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal))

  for (let index = 0; index < count; index += 1) fork(index)
}
