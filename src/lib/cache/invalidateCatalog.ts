import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  Payload,
  PayloadRequest,
} from 'payload'

import { cacheStore } from './store'

/** Collections whose changes can alter a cached catalog response. */
export const CATALOG_COLLECTIONS = [
  'products',
  'categories',
  'reviews',
  'media',
  // Reviews show their author's name and avatar.
  'users',
  // Orders change product stock (with SQL that bypasses the products hooks).
  'orders',
] as const

type TransactionId = number | string
type DatabaseWithDirty = Payload['db'] & { __catalogDirty?: Set<TransactionId> }

const dirtyTransactions = (payload: Payload): Set<TransactionId> => {
  const db = payload.db as DatabaseWithDirty
  db.__catalogDirty ??= new Set()
  return db.__catalogDirty
}

const bump = async (payload: Payload): Promise<void> => {
  try {
    await cacheStore(payload.logger).bump()
  } catch (error) {
    // The write must not fail because the cache is down; readers bypass a store that is down.
    payload.logger.warn({ err: error }, 'cache: could not invalidate (store unreachable)')
  }
}

/**
 * Invalidates the catalog cache for a write. Inside a transaction the hook runs before the commit,
 * when a concurrent reader could still cache the old rows under the new generation, so the write
 * is only marked here and the generation is bumped right after its commit (see
 * `installCommitInvalidation`), still before the write's response is sent. Without a transaction
 * the row is already committed: bump now.
 */
const invalidate = async (req: PayloadRequest): Promise<void> => {
  const transactionId = (await req.transactionID) as TransactionId | undefined
  if (transactionId !== undefined && transactionId !== null) {
    dirtyTransactions(req.payload).add(transactionId)
    return
  }
  await bump(req.payload)
}

export const invalidateCatalogAfterChange: CollectionAfterChangeHook = async ({ req, doc }) => {
  await invalidate(req)
  return doc
}

export const invalidateCatalogAfterDelete: CollectionAfterDeleteHook = async ({ req, doc }) => {
  await invalidate(req)
  return doc
}

/**
 * Wraps the database adapter's commit and rollback so a transaction that changed the catalog
 * bumps the cache generation once it is committed. Every write path (REST, GraphQL, admin UI,
 * Local API, custom endpoints that commit through `commitTransaction`) ends in this commit.
 */
export const installCommitInvalidation = (payload: Payload): void => {
  const db = payload.db as DatabaseWithDirty & { __catalogCommitWrapped?: boolean }
  if (db.__catalogCommitWrapped) return
  db.__catalogCommitWrapped = true
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (id) => {
    await commit(id)
    const resolved = (await id) as TransactionId
    if (dirtyTransactions(payload).delete(resolved)) await bump(payload)
  }
  db.rollbackTransaction = async (id) => {
    await rollback(id)
    dirtyTransactions(payload).delete((await id) as TransactionId)
  }
}
