import cluster from 'node:cluster'
import os from 'node:os'

/**
 * How many web server processes serve the port (`WEB_CONCURRENCY`): a positive integer, by default
 * the machine's cores in production and 1 in development (one Next dev compiler). With 1 the
 * server runs in this process alone, as before; with more, this process becomes the cluster's
 * primary (see primary.ts).
 */
export const webConcurrency = (): number => {
  const raw = process.env.WEB_CONCURRENCY
  if (raw !== undefined && raw !== '') {
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`WEB_CONCURRENCY must be a positive integer, got "${raw}"`)
    }
    return value
  }
  return process.env.NODE_ENV === 'production' ? os.availableParallelism() : 1
}

/** True in a web worker forked by the cluster's primary. */
export const isWebWorker = (): boolean => cluster.isWorker

/**
 * `WEB_WORKER_INDEX` in a forked web worker: `0` … `WEB_CONCURRENCY - 1`, stable across
 * replacements (the worker that replaces worker 1 is worker 1 again). The primary sets it to
 * `primary` for itself; a single-process server leaves it unset. Work that must run in one
 * process per machine (the jobs autorun) runs where it is unset or `0`.
 */
export const WEB_WORKER_INDEX = 'WEB_WORKER_INDEX'
