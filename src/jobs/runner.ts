import type { Payload } from 'payload'

/**
 * Makes this process the queue's runner: Payload's cron (`jobs.autoRun`) polls the queue and
 * queues the scheduled tasks. Start it once the migrations ran, in one process only.
 */
export const startJobRunner = async (payload: Payload): Promise<void> => {
  await payload._initializeCrons()
  payload.logger.info('jobs runner started')
}

/**
 * Stops polling and waits until the jobs already running finish, or `timeoutMs` passed.
 * Resolves with how many were still running then (0 when all finished). Jobs still queued stay
 * in the database for the next runner.
 */
export const stopJobRunner = async (payload: Payload, timeoutMs: number): Promise<number> => {
  const crons = payload.crons.splice(0, payload.crons.length)
  for (const cron of crons) cron.stop()
  const busy = () => crons.filter((cron) => cron.isBusy()).length
  if (busy()) payload.logger.info({ runs: busy() }, 'waiting for running jobs')
  const deadline = Date.now() + timeoutMs
  while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  return busy()
}
