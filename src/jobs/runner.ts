import type { JobsConfig, Payload } from 'payload'

import { jobsPollCron } from './settings'

/**
 * Whether an instance is the queue's runner. Payload starts its jobs cron (`jobs.autoRun`) on
 * the first REST request of any process (createPayloadRequest asks getPayload for crons), so the
 * cron list is empty unless `startJobRunner` asked for it, and handed out once.
 */
const runners = new WeakMap<Payload, 'wanted' | 'running' | 'stopped'>()

type AutorunCrons = Extract<NonNullable<JobsConfig['autoRun']>, unknown[]>

/** `jobs.autoRun`: the runner's poll of the queue, for the instance `startJobRunner` started only. */
export const runnerCrons = (payload: Payload): AutorunCrons => {
  if (runners.get(payload) !== 'wanted') return []
  runners.set(payload, 'running')
  return [{ cron: jobsPollCron(), queue: 'default', limit: 10 }]
}

/**
 * Makes this process the queue's runner: Payload's cron polls the queue and queues the scheduled
 * tasks. Start it once the migrations ran, in one process only.
 */
export const startJobRunner = async (payload: Payload): Promise<void> => {
  if (runners.has(payload)) return
  runners.set(payload, 'wanted')
  await payload._initializeCrons()
  payload.logger.info('jobs runner started')
}

/**
 * Stops polling and waits until the jobs already running finish, or `timeoutMs` passed.
 * Resolves with how many were still running then (0 when all finished). Jobs still queued stay
 * in the database for the next runner.
 */
export const stopJobRunner = async (payload: Payload, timeoutMs: number): Promise<number> => {
  runners.set(payload, 'stopped')
  const crons = payload.crons.splice(0, payload.crons.length)
  for (const cron of crons) cron.stop()
  const busy = () => crons.filter((cron) => cron.isBusy()).length
  if (busy()) payload.logger.info({ runs: busy() }, 'waiting for running jobs')
  const deadline = Date.now() + timeoutMs
  while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  return busy()
}
