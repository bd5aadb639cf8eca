/**
 * Where and how often the jobs queue runs, read from the environment on each use.
 *
 * Payload 3.90 can run one job twice when two runners poll the same queue (no `SKIP LOCKED`), so
 * exactly one process runs it: `npm run worker`, or the web process when `JOBS_AUTORUN` is not
 * `false` (the single-machine default). Of a web process forked into cluster workers only the
 * first (`WEB_WORKER_INDEX` unset or `0`) runs it.
 */
export const webProcessRunsJobs = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.JOBS_AUTORUN !== 'false' &&
  (env.WEB_WORKER_INDEX === undefined || env.WEB_WORKER_INDEX === '0')

/** How often the runner polls the queue (croner syntax with seconds; default every second). */
export const jobsPollCron = (): string => process.env.JOBS_POLL_CRON ?? '* * * * * *'

const HOUR_MS = 60 * 60 * 1000

/** How long an unpaid order holds its stock before it is cancelled (`PENDING_ORDER_TTL`, seconds; default 48 h). */
export const pendingOrderTtlMs = (): number => {
  const seconds = Number(process.env.PENDING_ORDER_TTL)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 48 * HOUR_MS
}
