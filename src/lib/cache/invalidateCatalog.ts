import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  Payload,
  PayloadRequest,
} from 'payload'

import { announcePrimaryPosition } from '../replicas/announceWrites'
import { type ChangeKind, cacheStore } from './store'

/** Collections whose changes can alter a cached catalog response, and what they change. */
export const CATALOG_CHANGES: Readonly<Record<string, ChangeKind>> = {
  products: 'content',
  categories: 'content',
  reviews: 'content',
  media: 'content',
  // Reviews show their author's name and avatar.
  users: 'content',
  // Orders change product stock (with SQL that bypasses the products hooks); a change of
  // verified purchases they cause is marked as content by its hook.
  orders: 'stock',
}

type TransactionId = number | string
type DatabaseWithDirty = Payload['db'] & { __catalogDirty?: Map<TransactionId, ChangeKind> }

const dirtyTransactions = (payload: Payload): Map<TransactionId, ChangeKind> => {
  const db = payload.db as DatabaseWithDirty
  db.__catalogDirty ??= new Map()
  return db.__catalogDirty
}

const bump = async (payload: Payload, kind: ChangeKind): Promise<void> => {
  // Before the bump: a reader that sees the new generation must also see this write's WAL
  // position, or it could fill the cache from a replica that has not replayed it yet.
  await announcePrimaryPosition(payload).catch((error: unknown) => {
    payload.logger.warn({ err: error }, 'replicas: could not announce a catalog write')
  })
  try {
    await cacheStore(payload.logger).bump(kind)
  } catch (error) {
    // The write must not fail because the cache is down; readers bypass a store that is down.
    payload.logger.warn({ err: error }, 'cache: could not invalidate (store unreachable)')
  }
}

/**
 * Invalidates the catalog cache for a write. Inside a transaction the hook runs before the commit,
 * when a concurrent reader could still cache the old rows under the new generation, so the write
 * is only marked here (a content change outranks a stock change) and the generation is bumped
 * right after its commit (see `installCommitInvalidation`), still before the write's response is
 * sent. Without a transaction the row is already committed: bump now.
 */
export const markCatalogChanged = async (req: PayloadRequest, kind: ChangeKind): Promise<void> => {
  const transactionId = (await req.transactionID) as TransactionId | undefined
  if (transactionId !== undefined && transactionId !== null) {
    const dirty = dirtyTransactions(req.payload)
    if (dirty.get(transactionId) !== 'content') dirty.set(transactionId, kind)
    return
  }
  await bump(req.payload, kind)
}

const changeOf = (slug: string): ChangeKind => CATALOG_CHANGES[slug] ?? 'content'

export const invalidateCatalogAfterChange: CollectionAfterChangeHook = async ({
  req,
  doc,
  collection,
}) => {
  await markCatalogChanged(req, changeOf(collection.slug))
  return doc
}

export const invalidateCatalogAfterDelete: CollectionAfterDeleteHook = async ({
  req,
  doc,
  collection,
}) => {
  await markCatalogChanged(req, changeOf(collection.slug))
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
    const kind = dirtyTransactions(payload).get(resolved)
    if (kind === undefined) return
    dirtyTransactions(payload).delete(resolved)
    await bump(payload, kind)
  }
  db.rollbackTransaction = async (id) => {
    await rollback(id)
    dirtyTransactions(payload).delete((await id) as TransactionId)
  }
}
