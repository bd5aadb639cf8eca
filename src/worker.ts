/**
 * The jobs runner as a process of its own (`npm run worker`): for deployments with several web
 * instances, which then run with `JOBS_AUTORUN=false`. Run exactly one (Payload 3.90 can run a
 * job twice when two runners poll one queue). It serves no HTTP; SIGTERM/SIGINT stop it once the
 * jobs already running have finished (queued ones stay for the next runner).
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { pino } from 'pino'

import { startJobRunner, stopJobRunner } from './jobs/runner'
import { bootPayload } from './lib/bootPayload'
import { closeCacheStore } from './lib/cache/store'
import { closeDatabasePool } from './lib/databasePool'

const logger = pino({ name: 'marketplace-worker', level: process.env.LOG_LEVEL ?? 'info' })

/** Runs the jobs queue until SIGTERM or SIGINT, then exits 0 (1 if start-up or shutdown fails). */
export const runWorker = async (): Promise<void> => {
  try {
    const { payload, database } = await bootPayload()
    await startJobRunner(payload)
    const signal = await new Promise<string>((resolve) => {
      for (const name of ['SIGTERM', 'SIGINT']) process.once(name, () => resolve(name))
    })
    logger.info({ signal }, 'worker shutting down: waiting for running jobs')
    const abandoned = await stopJobRunner(
      payload,
      Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000),
    )
    if (abandoned) logger.warn({ runs: abandoned }, 'shutdown timeout: running jobs cut off')
    await closeDatabasePool(payload)
    await closeCacheStore()
    await database.stop()
    logger.info({ signal }, 'worker stopped')
    process.exit(0)
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed')
    process.exit(1)
  }
}

// `tsx src/worker.ts` runs this file directly; `npm run worker` starts through src/bin/start.mjs.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void runWorker()
}
