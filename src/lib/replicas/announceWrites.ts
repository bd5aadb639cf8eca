import type { Payload } from 'payload'

import { cacheStore } from '../cache/store'
import { databasePool } from '../databasePool'
import { replicasConfigured } from './settings'
import { primaryWalPosition } from './walPosition'

/**
 * Announces, in the store every process shares (Redis, or the process's own memory), where the
 * primary's WAL is now: a replica serves a request only once it has replayed the highest position
 * announced (replicaReads). Called after each catalog write commits, before its cache bump, and
 * once at start after the migrations, so no process reads from a replica older than its schema.
 * Does nothing unless `DATABASE_REPLICA_URLS` is set: set it for every process that writes
 * (web and worker), or the worker's writes would not hold replica reads back.
 */
export const announcePrimaryPosition = async (payload: Payload): Promise<void> => {
  if (!replicasConfigured()) return
  const position = await primaryWalPosition(databasePool(payload))
  await cacheStore(payload.logger).announceWrite(position)
}
