import type { Payload } from 'payload'
import { getPayload } from 'payload'

import { startJobRunner, stopJobRunner } from '../../src/jobs/runner'
import { closeCacheStore } from '../../src/lib/cache/store'
import { closeDatabasePool } from '../../src/lib/databasePool'
import { createDatabaseFromTemplate, dropDatabase } from './testDatabase'

const databases = new WeakMap<Payload, string>()

type PayloadCache = Map<string, unknown>
/** getPayload caches instances on a global that outlives a test file: key each file's apart. */
const payloadCache = (): PayloadCache | undefined =>
  (globalThis as { _payload?: PayloadCache })._payload

/**
 * A Payload instance on a migrated database of this test file's own (Local API tests). The config
 * reads DATABASE_URL when it is evaluated, so it is imported only once that is set. The instance
 * runs the jobs queue as a server does (emails arrive a moment after the write), unless
 * `runJobs: false`, for tests that run the queue themselves.
 */
export const initPayload = async ({
  runJobs = true,
}: { runJobs?: boolean } = {}): Promise<Payload> => {
  const url = await createDatabaseFromTemplate()
  process.env.DATABASE_URL = url
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config, key: url })
  databases.set(payload, url)
  if (runJobs) await startJobRunner(payload)
  return payload
}

/** Stops the jobs runner, ends the instance's pool so jest can exit, then drops the file's database. */
export const closePayload = async (payload: Payload): Promise<void> => {
  await stopJobRunner(payload, 10_000)
  await closeDatabasePool(payload)
  await closeCacheStore()
  const url = databases.get(payload)
  if (url) {
    payloadCache()?.delete(url)
    await dropDatabase(url)
  }
}
